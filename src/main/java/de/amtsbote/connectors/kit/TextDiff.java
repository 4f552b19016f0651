package de.amtsbote.connectors.kit;

import java.util.ArrayList;
import java.util.List;

/** A line diff for people: the expected and actual lines around each difference, marked - and +. */
final class TextDiff {

    private static final int CONTEXT = 2;
    private static final int MAX_LINES = 60;

    private TextDiff() {
    }

    static String of(String expected, String actual) {
        List<String> a = expected.lines().toList();
        List<String> b = actual.lines().toList();
        int[][] common = new int[a.size() + 1][b.size() + 1]; // longest common subsequence from (i, j) on
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        List<Boolean> changed = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                lines.add("  " + (i + 1) + ": " + a.get(i));
                changed.add(false);
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
                lines.add("+ " + (j + 1) + ": " + b.get(j++));
                changed.add(true);
            } else {
                lines.add("- " + (i + 1) + ": " + a.get(i++));
                changed.add(true);
            }
        }
        StringBuilder diff = new StringBuilder("--- expected\n+++ actual\n");
        int shown = 0;
        int last = -1;
        for (int k = 0; k < lines.size() && shown < MAX_LINES; k++) {
            boolean near = false;
            for (int d = Math.max(0, k - CONTEXT); d <= Math.min(lines.size() - 1, k + CONTEXT); d++) {
                near |= changed.get(d);
            }
            if (near) {
                if (last >= 0 && k > last + 1) {
                    diff.append("  ...\n");
                }
                diff.append(lines.get(k)).append('\n');
                last = k;
                shown++;
            }
        }
        if (shown == MAX_LINES) {
            diff.append("  ... (more differences)\n");
        }
        return diff.toString();
    }
}
