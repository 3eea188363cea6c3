package io.orderflow.platform.ops;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;

/** Bytes Axon stored (payloads, metadata, saga state) as JSON for the ops API; what is not JSON comes back as text. */
final class StoredJson {

    private StoredJson() {
    }

    static JsonNode read(ObjectMapper objectMapper, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return objectMapper.readTree(bytes);
        } catch (Exception e) {
            return objectMapper.getNodeFactory().stringNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
