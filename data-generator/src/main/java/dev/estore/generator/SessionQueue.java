package dev.estore.generator;

import java.util.Arrays;

/**
  * Min-heap of sessions by (next event time, planning order). Unlike PriorityQueue it can
  * re-sift the top in place after that session advanced, which is the common case: one sift
  * per written row instead of a poll plus an add.
  */
final class SessionQueue {

    private Session[] heap = new Session[64];
    private int size;

    /** Null when empty. */
    Session peek() {
        return heap[0];
    }

    void add(Session s) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!s.before(heap[parent])) {
                break;
            }
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = s;
    }

    Session poll() {
        Session top = heap[0];
        Session last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(last);
        }
        return top;
    }

    /** The top session's next event time went up: restore the heap order. */
    void topChanged() {
        siftDown(heap[0]);
    }

    private void siftDown(Session s) {
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && heap[right].before(heap[child])) {
                child = right;
            }
            if (!heap[child].before(s)) {
                break;
            }
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = s;
    }
}
