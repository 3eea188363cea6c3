package io.orderflow.platform.kafka;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A record of another context's topic that could not be read as an event (its payload or metadata does not
 * deserialize, its type is unknown, an upcaster fails, Axon's headers are missing). It takes the record's place in
 * the stream, so the consuming processor sets it aside (a dead letter) and moves on. It keeps the record whole — value
 * and headers as bytes — so an operator can read it, and a fixed version can read it again.
 *
 * @param orderId the order it concerns, when its value names one in a readable {@code "orderId"} field; otherwise
 *                {@code null}
 */
public record UnreadableRecord(String topic, int partition, long offset, String key, Instant timestamp,
                               Map<String, byte[]> headers, byte[] value, String error, String orderId) {

    /** The most characters of a value shown to an operator. */
    public static final int PREVIEW_CHARS = 2_000;

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"\\\\]{1,200})\"");

    static UnreadableRecord of(ConsumerRecord<String, byte[]> record, String error) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        record.headers().forEach(header -> headers.put(header.key(), header.value()));
        byte[] value = record.value();
        return new UnreadableRecord(record.topic(), record.partition(), record.offset(), record.key(),
                                    Instant.ofEpochMilli(record.timestamp()), headers, value, error,
                                    orderIdIn(value).orElse(null));
    }

    /** The record as it was consumed, to be read again. */
    public ConsumerRecord<String, byte[]> toConsumerRecord() {
        RecordHeaders recordHeaders = new RecordHeaders();
        headers.forEach(recordHeaders::add);
        return new ConsumerRecord<>(topic, partition, offset, timestamp.toEpochMilli(), TimestampType.CREATE_TIME,
                                    ConsumerRecord.NULL_SIZE, ConsumerRecord.NULL_SIZE, key, value, recordHeaders,
                                    Optional.empty());
    }

    /** Where it was: {@code topic/partition/offset}. */
    public String position() {
        return topic + "/" + partition + "/" + offset;
    }

    /** The value as text (invalid UTF-8 replaced), control characters escaped, cut after {@link #PREVIEW_CHARS}. */
    public String preview() {
        return preview(value);
    }

    /** The headers as text: UTF-8 where they are, Base64 (prefixed {@code base64:}) where they are not. */
    public Map<String, String> headersText() {
        Map<String, String> text = new LinkedHashMap<>();
        headers.forEach((name, bytes) -> text.put(name, headerText(bytes)));
        return text;
    }

    /** A value shown to an operator: see {@link #preview()}. */
    public static String preview(byte[] value) {
        if (value == null) {
            return null;
        }
        String text = new String(value, StandardCharsets.UTF_8);
        StringBuilder shown = new StringBuilder(Math.min(text.length(), PREVIEW_CHARS) + 16);
        text.codePoints().limit(PREVIEW_CHARS).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        long length = text.codePointCount(0, text.length());
        if (length > PREVIEW_CHARS) {
            shown.append("… (").append(length - PREVIEW_CHARS).append(" more characters)");
        }
        return shown.toString();
    }

    private static String headerText(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            if (text.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f)) {
                return text;
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            // not text: shown as Base64
        }
        return "base64:" + Base64.getEncoder().encodeToString(bytes);
    }

    private static Optional<String> orderIdIn(byte[] value) {
        if (value == null) {
            return Optional.empty();
        }
        Matcher matcher = ORDER_ID.matcher(new String(value, StandardCharsets.UTF_8));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
