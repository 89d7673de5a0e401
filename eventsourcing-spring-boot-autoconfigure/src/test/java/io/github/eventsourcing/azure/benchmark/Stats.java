package io.github.eventsourcing.azure.benchmark;

import java.util.Arrays;
import java.util.List;

/** Median and range of a few measurements. */
record Stats(double median, double min, double max) {

    static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN);
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Stats(median, sorted[0], sorted[n - 1]);
    }

    /** Half the range relative to the median, in percent: how much the rounds disagree. */
    double spreadPercent() {
        return median == 0 ? 0 : 50 * (max - min) / median;
    }

    static Stats of(double... values) {
        return of(Arrays.stream(values).boxed().toList());
    }
}
