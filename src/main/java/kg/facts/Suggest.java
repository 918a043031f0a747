package kg.facts;

import java.util.Locale;

/** "Did you mean" for misspelt type and property names. */
final class Suggest {

    private Suggest() {
    }

    static String didYouMean(String word, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int farthest = Math.max(2, word.length() / 3);
        for (String candidate : known) {
            // the distance is at least the difference in length: most of a million ids need no table
            if (Math.abs(candidate.length() - word.length()) > Math.min(farthest, bestDistance)) {
                continue;
            }
            int d = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance || d == bestDistance && candidate.compareTo(best) < 0) { // the same, in any order
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= farthest ? " (did you mean `" + best + "`?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
