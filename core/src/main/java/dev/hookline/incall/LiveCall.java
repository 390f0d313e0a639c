package dev.hookline.incall;

/**
 * A call the telephony side asks about while it is live: the business whose key asked, the
 * telephony call id ({@code CallSid}), the caller ({@code From}) and the tracking number dialled
 * ({@code To}). Immutable.
 */
record LiveCall(String businessId, String callSid, String from, String to) {}
