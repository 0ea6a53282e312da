package io.tusk.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A line diff in the spirit of {@code diff -u}: the common head and tail are skipped, the middle is aligned by a
 * longest common subsequence when small enough, otherwise shown as all removed then all added.
 */
final class LineDiff {
    /** Past this many cells the alignment table costs more than it helps; 4M ints = 16 MB. */
    private static final long MAX_ALIGNMENT_CELLS = 4_000_000L;
    private static final int CONTEXT = 2;

    private LineDiff() {
    }

    /** The changed lines, prefixed {@code -} (only in {@code before}) or {@code +} (only in {@code after}), with some context lines. */
    static List<String> diff(List<String> before, List<String> after) {
        int head = 0;
        while (head < before.size() && head < after.size() && before.get(head).equals(after.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < before.size() - head && tail < after.size() - head
                && before.get(before.size() - 1 - tail).equals(after.get(after.size() - 1 - tail))) {
            tail++;
        }
        List<String> a = before.subList(head, before.size() - tail);
        List<String> b = after.subList(head, after.size() - tail);
        List<String> out = new ArrayList<>();
        if (a.isEmpty() && b.isEmpty()) {
            return out;
        }
        out.add("@@ line " + (head + 1) + " @@");
        for (int i = Math.max(0, head - CONTEXT); i < head; i++) {
            out.add(" " + before.get(i));
        }
        if ((long) a.size() * b.size() > MAX_ALIGNMENT_CELLS) {
            a.forEach(l -> out.add("-" + l));
            b.forEach(l -> out.add("+" + l));
        } else {
            align(a, b, out);
        }
        for (int i = before.size() - tail; i < Math.min(before.size(), before.size() - tail + CONTEXT); i++) {
            out.add(" " + before.get(i));
        }
        return out;
    }

    private static void align(List<String> a, List<String> b, List<String> out) {
        int n = a.size();
        int m = b.size();
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                out.add(" " + a.get(i));
                i++;
                j++;
            } else if (i < n && (j == m || common[i + 1][j] >= common[i][j + 1])) {
                out.add("-" + a.get(i++));
            } else {
                out.add("+" + b.get(j++));
            }
        }
    }
}
