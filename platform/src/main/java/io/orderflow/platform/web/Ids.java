package io.orderflow.platform.web;

/** What every id accepted at a REST edge looks like: 1–64 letters, digits, '.', '_', ':' or '-'. */
public final class Ids {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,63}";
    public static final String MESSAGE = "must be 1-64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";

    private Ids() {
    }
}
