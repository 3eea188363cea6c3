package io.orderflow.platform.kafka;

/** Tells the published language of a context (its {@code *-api} module's records) from its internal messages. */
public final class PublishedLanguage {

    private PublishedLanguage() {
    }

    /** @return whether {@code type} belongs to an {@code io.orderflow.<context>.api} package */
    public static boolean contains(Class<?> type) {
        String name = type.getPackageName();
        return name.startsWith("io.orderflow.") && name.endsWith(".api");
    }
}
