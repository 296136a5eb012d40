package dev.estore.transform.build;

import dev.estore.transform.window.ChangedWindow;
import java.util.List;
import java.util.function.Function;

/**
 * A model's SELECT written in several statements ({@code batch_size: day}): the batches of days, in order, and
 * the SELECT rendered with a batch as its window.
 */
record BatchedSelect(List<ChangedWindow> batches, Function<ChangedWindow, String> selectFor) {

    BatchedSelect {
        batches = List.copyOf(batches);
    }
}
