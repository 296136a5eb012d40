package dev.estore.deploy.checks.terraform;

import dev.estore.deploy.checks.terraform.Hcl.Block;
import dev.estore.deploy.checks.terraform.Hcl.Expr;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Every .tf file of one Terraform root module, read: its blocks, its locals and the references it makes. */
public final class TerraformConfig {

    /** var.x, local.x, data.type.name, or type.name of a provider resource (google_...). */
    private static final Pattern REFERENCE = Pattern.compile(
            "(?<![\\w.])(?:(var|local)\\.(\\w+)|data\\.(\\w+)\\.(\\w+)|(google_\\w+)\\.(\\w+))");

    public record Reference(String file, int line, String kind, String name) {

        @Override
        public String toString() {
            return kind + " " + name + " (" + file + " line " + line + ")";
        }
    }

    private final Map<Path, String> sources = new LinkedHashMap<>();
    private final List<Block> blocks = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();

    private TerraformConfig() {
    }

    public static TerraformConfig read(Path folder) {
        TerraformConfig config = new TerraformConfig();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tf")).sorted().toList()) {
                String source = Files.readString(file);
                String name = file.getFileName().toString();
                config.sources.put(file, source);
                config.blocks.addAll(Hcl.parse(name, source).blocks());
                config.collectReferences(name, HclCode.of(name, source));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Terraform files in " + folder, e);
        }
        return config;
    }

    private void collectReferences(String file, String code) {
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) {
            int line = (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            if (m.group(1) != null) {
                references.add(new Reference(file, line, m.group(1), m.group(2)));
            } else if (m.group(3) != null) {
                references.add(new Reference(file, line, "data", m.group(3) + "." + m.group(4)));
            } else {
                references.add(new Reference(file, line, "resource", m.group(5) + "." + m.group(6)));
            }
        }
    }

    public Map<Path, String> sources() {
        return sources;
    }

    public List<Reference> references() {
        return references;
    }

    public List<Block> blocks(String type) {
        return blocks.stream().filter(b -> b.type().equals(type)).toList();
    }

    public Set<String> variables() {
        return names(blocks("variable").stream().map(b -> b.label(0)));
    }

    public Set<String> resources() {
        return names(blocks("resource").stream().map(b -> b.label(0) + "." + b.label(1)));
    }

    public Set<String> dataSources() {
        return names(blocks("data").stream().map(b -> b.label(0) + "." + b.label(1)));
    }

    /** Every local value, by name, from every locals block. */
    public Map<String, Expr> locals() {
        Map<String, Expr> locals = new LinkedHashMap<>();
        for (Block block : blocks("locals")) {
            block.body().attributes().forEach(a -> locals.put(a.name(), a.value()));
        }
        return locals;
    }

    public Optional<Block> resource(String type, String name) {
        return blocks("resource").stream()
                .filter(b -> b.label(0).equals(type) && b.label(1).equals(name))
                .findFirst();
    }

    public List<Block> resources(String type) {
        return blocks("resource").stream().filter(b -> b.label(0).equals(type)).toList();
    }

    private static Set<String> names(Stream<String> names) {
        return names.collect(TreeSet::new, Set::add, Set::addAll);
    }
}
