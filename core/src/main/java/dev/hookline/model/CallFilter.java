package dev.hookline.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which calls a post-call webhook fires for ({@code post_call_webhook.filter}): every condition
 * given must hold; a null condition is not set. A call whose value is unknown never meets a
 * condition on it. The AI conditions ({@code qualified_ai}, {@code min_ai_score}) are judged when
 * the delivery fires. Immutable.
 */
public record CallFilter(Boolean qualifiedAi, Integer minAiScore, Integer minDurationSeconds, List<String> sources) {
    public static final CallFilter NONE = new CallFilter(null, null, null, null);

    public CallFilter {
        sources = sources == null ? null : List.copyOf(sources);
    }

    public boolean isEmpty() {
        return qualifiedAi == null && minAiScore == null && minDurationSeconds == null && sources == null;
    }

    public boolean hasAiConditions() {
        return qualifiedAi != null || minAiScore != null;
    }

    /** Only the conditions on AI results. */
    public CallFilter aiPart() {
        return new CallFilter(qualifiedAi, minAiScore, null, null);
    }

    /** Every condition but those on AI results. */
    public CallFilter withoutAi() {
        return new CallFilter(null, null, minDurationSeconds, sources);
    }

    /** Why {@code call} does not match, naming the condition; null when it matches. */
    public String mismatch(Call call) {
        if (minDurationSeconds != null) {
            Long d = number(call.detail("duration_seconds"));
            if (d == null) return "duration_seconds is unknown; filter.min_duration_seconds is " + minDurationSeconds;
            if (d < minDurationSeconds) return "duration_seconds " + d + " is under filter.min_duration_seconds " + minDurationSeconds;
        }
        if (sources != null) {
            Object s = call.detail("source");
            if (s == null) return "source is unknown; filter.sources is " + String.join(", ", sources);
            String source = s.toString().strip().toLowerCase(Locale.ROOT);
            if (sources.stream().noneMatch(x -> x.strip().toLowerCase(Locale.ROOT).equals(source))) {
                return "source \"" + s + "\" is not in filter.sources (" + String.join(", ", sources) + ")";
            }
        }
        if (qualifiedAi != null) {
            if (!(call.detail("qualified_ai") instanceof Boolean q)) return "qualified_ai is unknown; filter.qualified_ai is " + qualifiedAi;
            if (q != qualifiedAi) return "qualified_ai is " + q + "; filter.qualified_ai is " + qualifiedAi;
        }
        if (minAiScore != null) {
            Long score = number(call.detail("ai_score"));
            if (score == null) return "ai_score is unknown; filter.min_ai_score is " + minAiScore;
            if (score < minAiScore) return "ai_score " + score + " is under filter.min_ai_score " + minAiScore;
        }
        return null;
    }

    private static Long number(Object v) {
        return v instanceof Number n ? n.longValue() : null;
    }

    /** The JSON form, as the API shows it and the store keeps it: every key, null where not set. */
    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("qualified_ai", qualifiedAi);
        m.put("min_ai_score", minAiScore);
        m.put("min_duration_seconds", minDurationSeconds);
        m.put("sources", sources);
        return m;
    }

    /** A filter from its JSON form as {@link #view} wrote it (validated when it was saved). */
    public static CallFilter fromView(Map<String, Object> m) {
        Object sources = m.get("sources");
        List<String> list = null;
        if (sources instanceof List<?> l) {
            list = new ArrayList<>();
            for (Object o : l) list.add(String.valueOf(o));
        }
        return new CallFilter((Boolean) m.get("qualified_ai"), integer(m.get("min_ai_score")), integer(m.get("min_duration_seconds")), list);
    }

    private static Integer integer(Object v) {
        return v instanceof Number n ? n.intValue() : null;
    }
}
