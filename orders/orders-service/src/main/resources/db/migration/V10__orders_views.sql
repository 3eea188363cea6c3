-- Read model of the orders context. Versions below 10 belong to the platform's shared Axon tables.
CREATE TABLE order_summary (
    order_id     VARCHAR(255)             NOT NULL PRIMARY KEY,
    customer_id  VARCHAR(255)             NOT NULL,
    status       VARCHAR(16)              NOT NULL,
    reason       VARCHAR(32),
    total        NUMERIC(16, 2)           NOT NULL,
    lines        JSONB                    NOT NULL,
    placed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX order_summary_customer ON order_summary (customer_id, placed_at DESC);
