package dev.estore.generator;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
  * When traffic happens: an hourly intensity over the whole period (UTC day/night cycle of a
  * Moscow-time shop, weekday dip, seasonal months, day-to-day noise, Black Friday). Sessions are
  * placed by mapping the share of the event budget already planned onto this curve, so the
  * generator can hit an exact row count while traffic still follows the curve.
  */
final class TrafficCurve {

    /** Relative traffic per UTC hour (Moscow is UTC+3: quiet 01-06 local, evening peak). */
    private static final double[] HOUR_OF_DAY = {
            0.35, 0.20, 0.15, 0.20, 0.40, 0.70, 0.90, 1.00, 1.05, 1.05, 1.00, 1.00,
            1.00, 1.00, 1.05, 1.15, 1.25, 1.30, 1.25, 1.00, 0.75, 0.60, 0.50, 0.45};

    private final long start;
    private final long[] monthStarts;
    /** cumulative[h] = total weight of the hours before hour h; cumulative[hours] = total. */
    private final double[] cumulative;
    private int cursor;

    private TrafficCurve(long start, long[] monthStarts, double[] cumulative) {
        this.start = start;
        this.monthStarts = monthStarts;
        this.cumulative = cumulative;
    }

    static TrafficCurve build(SplittableRandom rnd, YearMonth firstMonth, int months) {
        long[] monthStarts = new long[months + 1];
        for (int m = 0; m <= months; m++) {
            monthStarts[m] = firstMonth.plusMonths(m).atDay(1).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
        }
        LocalDate firstDay = firstMonth.atDay(1);
        int days = (int) ((monthStarts[months] - monthStarts[0]) / 86_400);
        double[] cumulative = new double[days * 24 + 1];
        double sum = 0;
        for (int d = 0; d < days; d++) {
            LocalDate day = firstDay.plusDays(d);
            double dayWeight = monthFactor(day.getMonth()) * weekdayFactor(day.getDayOfWeek()) * eventFactor(day)
                    * (0.9 + 0.2 * rnd.nextDouble());
            for (int h = 0; h < 24; h++) {
                cumulative[d * 24 + h] = sum;
                sum += dayWeight * HOUR_OF_DAY[h];
            }
        }
        cumulative[days * 24] = sum;
        return new TrafficCurve(monthStarts[0], monthStarts, cumulative);
    }

    /** Exclusive end of the period. */
    long end() {
        return monthStarts[monthStarts.length - 1];
    }

    long monthStart(int month) {
        return monthStarts[month];
    }

    int monthOf(long epochSecond) {
        int i = Arrays.binarySearch(monthStarts, epochSecond);
        int m = i >= 0 ? i : -i - 2;
        return Math.max(0, Math.min(monthStarts.length - 2, m));
    }

    /**
      * The second at which {@code share} (0 <= share < 1) of all traffic has happened. Calls must
      * come with non-decreasing shares: a cursor walks forward instead of searching.
      */
    long timeAt(double share) {
        double target = share * cumulative[cumulative.length - 1];
        int hours = cumulative.length - 1;
        while (cursor + 1 < hours && cumulative[cursor + 1] <= target) {
            cursor++;
        }
        double width = cumulative[cursor + 1] - cumulative[cursor];
        long second = width <= 0 ? 0 : (long) ((target - cumulative[cursor]) / width * 3600);
        return start + cursor * 3600L + Math.max(0, Math.min(3599, second));
    }

    private static double monthFactor(Month month) {
        switch (month) {
            case NOVEMBER: return 1.35;
            case DECEMBER: return 1.2;
            case JANUARY: return 0.95;
            case MARCH: return 1.15;
            case APRIL: return 1.1;
            default: return 1.0;
        }
    }

    private static double weekdayFactor(DayOfWeek day) {
        switch (day) {
            case FRIDAY: return 0.97;
            case SATURDAY: return 0.92;
            case SUNDAY: return 0.98;
            default: return 1.0;
        }
    }

    /** Black Friday (last Friday of November) and the weekend after it. */
    private static double eventFactor(LocalDate day) {
        if (day.getMonth() != Month.NOVEMBER) {
            return 1.0;
        }
        LocalDate lastDay = day.withDayOfMonth(30);
        int back = (lastDay.getDayOfWeek().getValue() - DayOfWeek.FRIDAY.getValue() + 7) % 7;
        LocalDate blackFriday = lastDay.minusDays(back);
        if (day.equals(blackFriday)) {
            return 2.2;
        }
        return day.isAfter(blackFriday) && day.isBefore(blackFriday.plusDays(3)) ? 1.4 : 1.0;
    }
}
