package dev.estore.generator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
  * The product catalog: fixed category, brand and base price per product, with each product's
  * CSV columns {@code product_id,category_id,category_code,brand,} pre-rendered so a row costs
  * one array copy. Products are stored grouped by category, most popular first in each group.
  */
final class Catalog {

    /** Real product ids are a category-ish prefix times 100,000 plus an offset: 1004856, 44600062... */
    private static final int MIN_PREFIX = 10;
    private static final int MAX_PREFIX = 600;
    private static final int MAX_PER_CATEGORY = 60_000;
    /** Real category ids are snowflake-like, consecutive ones 33554434 apart; later ones from other bases. */
    private static final long CATEGORY_STEP = 33_554_434L;
    private static final long[] CATEGORY_ID_BASES = {
            2053013552226107603L, 2061717937420501730L, 2103807459595387724L, 2110937143172923797L, 2134905044833666047L};
    private static final double EMPTY_BRAND_SHARE = 0.15;
    /** Index = n * u^k makes small indexes (popular brands, products) dominate: k = 2 for brands, 3 for products. */
    private static final double BRAND_SKEW = 2.0;

    /*
      * Per product, one long: pool offset (26 bits) | text length (8) | alternative text length (8,
      * 0 if none) | base price in cents (22). One array read per event instead of one per field
      * keeps the row loop from waiting on memory; the alternative text follows the main one.
      */
    private static final int OFFSET_BITS = 26;
    private static final int LENGTH_SHIFT = OFFSET_BITS;
    private static final int ALT_LENGTH_SHIFT = LENGTH_SHIFT + 8;
    private static final int CENTS_SHIFT = ALT_LENGTH_SHIFT + 8;
    private static final int MAX_CENTS = 2_500_000;

    private final double[] categoryCumulativeWeight;
    private final int[] categoryFirstProduct;
    private final int[] categoryProductCount;
    private final long[] packed;
    /** All pre-rendered {@code product_id,category_id,category_code,brand,} texts back to back. */
    private final byte[] pool;
    private final long priceSalt;

    private Catalog(double[] categoryCumulativeWeight, int[] categoryFirstProduct, int[] categoryProductCount,
            long[] packed, byte[] pool, long priceSalt) {
        this.categoryCumulativeWeight = categoryCumulativeWeight;
        this.categoryFirstProduct = categoryFirstProduct;
        this.categoryProductCount = categoryProductCount;
        this.packed = packed;
        this.pool = pool;
        this.priceSalt = priceSalt;
    }

    static Catalog build(SplittableRandom rnd, int targetProducts) {
        List<Taxonomy.Spec> specs = new ArrayList<>(Taxonomy.NAMED);
        specs.addAll(unnamedCategories(rnd));
        int categories = specs.size();

        long[] categoryIds = categoryIds(rnd, categories);
        int[] prefixes = distinctPrefixes(rnd, categories);

        double[] cumulative = new double[categories];
        double sum = 0;
        double sizeSum = 0;
        for (int c = 0; c < categories; c++) {
            sum += specs.get(c).weight();
            cumulative[c] = sum;
            sizeSum += StrictMath.pow(specs.get(c).weight(), 0.8);
        }
        for (int c = 0; c < categories; c++) {
            cumulative[c] /= sum;
        }
        cumulative[categories - 1] = 1.0;

        // Assortment grows sub-linearly with traffic: busy categories have more, but not proportionally more, products.
        int[] first = new int[categories];
        int[] count = new int[categories];
        int total = 0;
        for (int c = 0; c < categories; c++) {
            double share = StrictMath.pow(specs.get(c).weight(), 0.8) / sizeSum;
            count[c] = (int) Math.max(1, Math.min(MAX_PER_CATEGORY, Math.round(targetProducts * share)));
            first[c] = total;
            total += count[c];
        }

        int[] productIds = new int[total];
        int[] baseCents = new int[total];
        String[] brand = new String[total];
        int[] category = new int[total];
        for (int c = 0; c < categories; c++) {
            Taxonomy.Spec spec = specs.get(c);
            int[] offsets = shuffledOffsets(rnd, count[c]);
            for (int j = 0; j < count[c]; j++) {
                int p = first[c] + j;
                category[p] = c;
                productIds[p] = prefixes[c] * 100_000 + offsets[j];
                brand[p] = rnd.nextDouble() < EMPTY_BRAND_SHARE ? "" : skewedPick(rnd, spec.brands(), BRAND_SKEW);
                double price = spec.medianPrice() * Draw.logNormal(rnd, 0.55);
                baseCents[p] = (int) Math.max(50, Math.min(MAX_CENTS, Math.round(price * 100)));
            }
        }

        String[] altBrand = new String[total];
        for (var alt : brandAnomalies(rnd, specs, first, count, brand, category)) {
            altBrand[alt.product()] = alt.brand();
        }
        // "category_id,category_code," is the same for every product of a category: render it once.
        byte[][] categoryText = new byte[categories][];
        for (int c = 0; c < categories; c++) {
            categoryText[c] = (categoryIds[c] + "," + specs.get(c).code() + ",").getBytes(StandardCharsets.US_ASCII);
        }
        TextPool pool = new TextPool(total * 80);
        long[] packed = new long[total];
        for (int p = 0; p < total; p++) {
            int offset = pool.size();
            int length = pool.columns(productIds[p], categoryText[category[p]], brand[p]);
            int altLength = altBrand[p] == null ? 0 : pool.columns(productIds[p], categoryText[category[p]], altBrand[p]);
            if (pool.size() >= 1 << OFFSET_BITS || length > 255 || altLength > 255) {
                throw new IllegalStateException("catalog text does not fit its packed layout");
            }
            packed[p] = offset | (long) length << LENGTH_SHIFT | (long) altLength << ALT_LENGTH_SHIFT
                    | (long) baseCents[p] << CENTS_SHIFT;
        }
        return new Catalog(cumulative, first, count, packed, pool.toArray(), rnd.nextLong());
    }

    int sampleCategory(SplittableRandom rnd) {
        int c = Arrays.binarySearch(categoryCumulativeWeight, rnd.nextDouble());
        return c >= 0 ? c : Math.min(-c - 1, categoryCumulativeWeight.length - 1);
    }

    int sampleProductIn(int category, SplittableRandom rnd) {
        int n = categoryProductCount[category];
        double u = rnd.nextDouble();
        int j = (int) (n * u * u * u);
        return categoryFirstProduct[category] + Math.min(j, n - 1);
    }

    int sampleProduct(SplittableRandom rnd) {
        return sampleProductIn(sampleCategory(rnd), rnd);
    }

    /** Holds every product's columns; see {@link #rowPart}. */
    byte[] pool() {
        return pool;
    }

    /** Whether the product is listed under a second brand (spelling). */
    boolean hasAlt(int product) {
        return (packed[product] >>> ALT_LENGTH_SHIFT & 0xFF) != 0;
    }

    /**
      * The catalog's share of a row, packed for the session to carry until it is written: where the
      * {@code product_id,category_id,category_code,brand,} text sits in the pool, its length and the
      * price that day. Resolving it while planning means writing never looks the product up again.
      */
    long rowPart(int product, boolean alt, long epochDay) {
        long v = packed[product];
        long offset = v & ((1 << OFFSET_BITS) - 1);
        long length = v >>> LENGTH_SHIFT & 0xFF;
        if (alt) {
            offset += length;
            length = v >>> ALT_LENGTH_SHIFT & 0xFF;
        }
        return offset | length << 32 | (long) priceCents(product, (int) (v >>> CENTS_SHIFT), epochDay) << 40;
    }

    static int partOffset(long part) {
        return (int) (part & 0xFFFFFFFFL);
    }

    static int partLength(long part) {
        return (int) (part >>> 32 & 0xFF);
    }

    static int partCents(long part) {
        return (int) (part >>> 40);
    }

    /**
      * Price of a product on a day: the base price most of the time, otherwise moved by up to 6%
      * for three-day stretches, like the small promotions visible in the real data.
      */
    private int priceCents(int product, int base, long epochDay) {
        long h = mix(product * 0x9E3779B97F4A7C15L ^ (epochDay / 3) * 0xC2B2AE3D27D4EB4FL ^ priceSalt);
        if ((h & 7) >= 3) {
            return base;
        }
        int percent = (int) ((h >>> 8) % 13) - 6;
        return Math.max(1, base + (int) ((long) base * percent / 100));
    }

    private record BrandAnomaly(int product, String brand) {}

    /**
      * About 0.1% of products get a second brand and 0.05% a second spelling of the same brand
      * (capitalised). They are taken from the most popular products so they appear even in tiny runs.
      */
    private static List<BrandAnomaly> brandAnomalies(SplittableRandom rnd, List<Taxonomy.Spec> specs,
            int[] first, int[] count, String[] brand, int[] category) {
        int total = brand.length;
        int twoBrands = Math.max(2, total / 1000);
        int twoSpellings = Math.max(2, total / 2000);
        // Categories by weight, heaviest first (stable insertion sort: ties keep their list order).
        int[] byWeight = new int[specs.size()];
        for (int c = 0; c < byWeight.length; c++) {
            int i = c;
            while (i > 0 && specs.get(byWeight[i - 1]).weight() < specs.get(c).weight()) {
                byWeight[i] = byWeight[i - 1];
                i--;
            }
            byWeight[i] = c;
        }
        List<BrandAnomaly> out = new ArrayList<>();
        boolean wantTwoBrands = true;
        for (int j = 0; (twoBrands > 0 || twoSpellings > 0) && j < MAX_PER_CATEGORY; j++) {
            for (int c : byWeight) {
                if (j >= count[c] || (twoBrands == 0 && twoSpellings == 0)) {
                    continue;
                }
                int p = first[c] + j;
                if (brand[p].isEmpty()) {
                    continue;
                }
                if ((wantTwoBrands && twoBrands > 0) || twoSpellings == 0) {
                    String[] pool = specs.get(category[p]).brands();
                    String other = brand[p];
                    while (other.equals(brand[p])) {
                        other = pool[rnd.nextInt(pool.length)];
                    }
                    out.add(new BrandAnomaly(p, other));
                    twoBrands--;
                } else {
                    out.add(new BrandAnomaly(p, Character.toUpperCase(brand[p].charAt(0)) + brand[p].substring(1)));
                    twoSpellings--;
                }
                wantTwoBrands = !wantTwoBrands;
            }
        }
        return out;
    }

    private static List<Taxonomy.Spec> unnamedCategories(SplittableRandom rnd) {
        double namedWeight = 0;
        for (Taxonomy.Spec spec : Taxonomy.NAMED) {
            namedWeight += spec.weight();
        }
        int n = Taxonomy.UNNAMED_COUNT;
        double[] raw = new double[n];
        double rawSum = 0;
        for (int i = 0; i < n; i++) {
            raw[i] = Draw.logNormal(rnd, 1.0);
            rawSum += raw[i];
        }
        List<Taxonomy.Spec> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double weight = raw[i] / rawSum * namedWeight * Taxonomy.UNNAMED_WEIGHT_SHARE;
            double medianPrice = Draw.logUniform(rnd, 5, 600);
            out.add(new Taxonomy.Spec("", weight, medianPrice, Taxonomy.GENERIC));
        }
        return out;
    }

    /** Unique 19-digit ids, handed out to categories in random order. */
    private static long[] categoryIds(SplittableRandom rnd, int n) {
        long[] next = CATEGORY_ID_BASES.clone();
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            int base = rnd.nextDouble() < 0.75 ? 0 : 1 + rnd.nextInt(next.length - 1);
            next[base] += CATEGORY_STEP * (1 + rnd.nextInt(6));
            ids[i] = next[base];
        }
        shuffle(rnd, ids);
        return ids;
    }

    private static int[] distinctPrefixes(SplittableRandom rnd, int n) {
        int[] all = new int[MAX_PREFIX - MIN_PREFIX];
        for (int i = 0; i < all.length; i++) {
            all[i] = MIN_PREFIX + i;
        }
        for (int i = 0; i < n; i++) {
            int j = i + rnd.nextInt(all.length - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, n);
    }

    /** Increasing offsets with small holes (like delisted products), then shuffled so id order is not popularity. */
    private static int[] shuffledOffsets(SplittableRandom rnd, int n) {
        int[] offsets = new int[n];
        int next = 1 + rnd.nextInt(1000);
        for (int i = 0; i < n; i++) {
            offsets[i] = next;
            next += rnd.nextInt(4) == 0 ? 2 : 1;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = offsets[i];
            offsets[i] = offsets[j];
            offsets[j] = t;
        }
        return offsets;
    }

    private static void shuffle(SplittableRandom rnd, long[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    private static String skewedPick(SplittableRandom rnd, String[] pool, double skew) {
        return pool[Math.min(pool.length - 1, (int) (pool.length * StrictMath.pow(rnd.nextDouble(), skew)))];
    }

    /** Growable byte buffer for the product texts, rendering digits by hand. */
    private static final class TextPool {
        private byte[] bytes;
        private int size;

        TextPool(int capacity) {
            bytes = new byte[Math.max(capacity, 1024)];
        }

        int size() {
            return size;
        }

        /** Appends {@code product_id,category_id,category_code,brand,}; returns its length. */
        int columns(int productId, byte[] categoryText, String brand) {
            int start = size;
            ensure(12 + categoryText.length + brand.length() + 1);
            int digits = Integer.toString(productId).length();
            for (int i = size + digits - 1, v = productId; i >= size; i--, v /= 10) {
                bytes[i] = (byte) ('0' + v % 10);
            }
            size += digits;
            bytes[size++] = ',';
            System.arraycopy(categoryText, 0, bytes, size, categoryText.length);
            size += categoryText.length;
            for (int i = 0; i < brand.length(); i++) {
                bytes[size++] = (byte) brand.charAt(i);
            }
            bytes[size++] = ',';
            return size - start;
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }

    /** Stafford variant 13 finaliser: a cheap, well-mixed hash for per-(product, day) price moves. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
