package dev.hookline.twilio;

import dev.hookline.calls.CallReport;
import dev.hookline.http.ApiException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads Twilio's call status callback as an ended-call report. Final statuses map to the call's
 * status (completed → completed, no-answer and canceled → no-answer, busy → busy, failed →
 * failed); any other (queued, ringing, in-progress, …) means the call has not ended and reports
 * nothing. {@code CallDuration}, {@code Direction}, {@code RecordingUrl} and
 * {@code RecordingDuration} fill {@code duration_seconds}, {@code direction}, {@code recording_url}
 * and {@code recording_duration}. Stateless.
 */
final class StatusCallback {
    private StatusCallback() {}

    /** The call status for a final {@code CallStatus}, null for one that is not final. */
    static String statusOf(String callStatus) {
        return switch (callStatus) {
            case "completed" -> "completed";
            case "no-answer", "canceled" -> "no-answer"; // canceled: the caller hung up before it was answered
            case "busy" -> "busy";
            case "failed" -> "failed";
            default -> null;
        };
    }

    /** The report of an ended call; {@code status} from {@link #statusOf}. */
    static CallReport report(TwilioForm form, String callSid, String status) {
        Map<String, Object> details = new LinkedHashMap<>();
        String direction = form.optional("Direction");
        details.put("direction", direction != null && direction.startsWith("outbound") ? "outbound" : "inbound");
        Long duration = form.seconds("CallDuration");
        if (duration != null) details.put("duration_seconds", duration);
        details.putAll(recording(form, false));
        return new CallReport(callSid, null, form.number("To"), form.number("From"), status, details, false, null);
    }

    /** {@code recording_url} and {@code recording_duration} from {@code RecordingUrl} and {@code RecordingDuration}. */
    static Map<String, Object> recording(TwilioForm form, boolean urlRequired) {
        Map<String, Object> out = new LinkedHashMap<>();
        String url = urlRequired ? form.required("RecordingUrl") : form.optional("RecordingUrl");
        if (url != null) {
            if (!isAbsoluteHttp(url)) throw ApiException.invalid("RecordingUrl", "RecordingUrl must be an absolute http(s) URL");
            out.put("recording_url", url);
        }
        Long seconds = form.seconds("RecordingDuration");
        if (seconds != null) out.put("recording_duration", seconds);
        return out;
    }

    private static boolean isAbsoluteHttp(String url) {
        try {
            URI u = new URI(url);
            return u.isAbsolute() && u.getHost() != null && ("https".equalsIgnoreCase(u.getScheme()) || "http".equalsIgnoreCase(u.getScheme()));
        } catch (Exception e) {
            return false;
        }
    }
}
