package dev.hookline.incall;

/**
 * One outgoing in-call webhook request, fully built: method, URL (with the call's fields in the
 * query for GET), and for other methods the content type and exact body bytes (null when none).
 * Immutable by convention: the body array is not copied and must not be changed.
 */
record InCallRequest(String method, String url, String contentType, byte[] body) {}
