package io.fluentkafka.worker.command;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects what is wrong with a command, field by field. Each method checks one field and adds a violation that
 * names it and says why; none throws. Limits follow Fluent's input definitions (fluent-api.md §4.3, §4.4, §5), so
 * that a command Fluent would refuse is refused before it is sent.
 */
public final class Checks {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");
    private static final int EMAIL_MAX = 250;
    private static final int PREVIEW_MAX = 40;
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** More digits than a long holds cannot be a Fluent id. */
    private static final int ID_MAX_DIGITS = 18;

    private final List<Violation> violations = new ArrayList<>();

    public void add(String field, String problem) {
        violations.add(new Violation(field, problem));
    }

    /** Present, not blank, at most {@code max} characters. */
    public void required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            add(field, "is required");
        } else {
            optional(field, value, max);
        }
    }

    /** Absent, or not blank and at most {@code max} characters. */
    public void optional(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "is " + value.length() + " characters long; at most " + max + " are allowed");
        } else if (value != null && value.isBlank()) {
            add(field, "must not be blank when given");
        }
    }

    /**
     * At most {@code max} bytes in UTF-8, counted without encoding the value; {@code why} ends the message. Returns
     * whether the value is within the bound (absent values are).
     */
    public boolean utf8Bytes(String field, String value, int max, String why) {
        if (value == null || value.length() <= max / 3) {
            return true;
        }
        long bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            bytes += Character.isSurrogate(c) ? 2 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3; // a surrogate pair is 4 bytes
        }
        if (bytes > max) {
            add(field, "is " + bytes + " bytes long in UTF-8; at most " + max + " are allowed (" + why + ")");
            return false;
        }
        return true;
    }

    /** Absent, or a Fluent id: digits only, at most as many as a long holds (Fluent's ids are numbers). */
    public void optionalId(String field, String value) {
        if (value != null && !DIGITS.matcher(value).matches()) {
            add(field, "must be a number (digits only), got '" + preview(value) + "'");
        } else if (value != null && value.length() > ID_MAX_DIGITS) {
            add(field, "has " + value.length() + " digits; at most " + ID_MAX_DIGITS + " are allowed");
        }
    }

    /** Absent, or a finite number that is not negative (a price). */
    public void optionalAmount(String field, Double value) {
        if (value != null && (value.isNaN() || value.isInfinite())) {
            add(field, "must be a finite number, not " + value);
        } else if (value != null && value < 0) {
            add(field, "must not be negative, got " + value);
        }
    }

    /** A required email address of at most 250 characters. */
    public void email(String field, String value) {
        required(field, value, EMAIL_MAX);
        if (value != null && !value.isBlank() && value.length() <= EMAIL_MAX && !EMAIL.matcher(value).matches()) {
            add(field, "is not a valid email address: '" + preview(value) + "'");
        }
    }

    /** Absent, or a valid email address of at most 250 characters. */
    public void optionalEmail(String field, String value) {
        if (value != null && value.isBlank()) {
            add(field, "must not be blank when given");
        } else if (value != null) {
            email(field, value);
        }
    }

    /** The start of a value, for quoting it in a message without quoting all of it. */
    public static String preview(String value) {
        return value.length() <= PREVIEW_MAX ? value : value.substring(0, PREVIEW_MAX) + "...";
    }

    public List<Violation> violations() {
        return List.copyOf(violations);
    }
}
