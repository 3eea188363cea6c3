-- Read models of the reporting context. Versions below 10 belong to the platform's shared Axon tables.

-- One row per order, filled by the events of three topics in whatever order they arrive. Each group of columns
-- belongs to one topic and carries the sequence number of the last event that set it (*_seq), so an older or
-- repeated event of that aggregate never overwrites a newer one.
CREATE TABLE order_overview (
    order_id        VARCHAR(255)             NOT NULL PRIMARY KEY,
    customer_id     VARCHAR(255),
    order_status    VARCHAR(16),
    reason          VARCHAR(32),
    total           NUMERIC(16, 2),
    placed_at       TIMESTAMP WITH TIME ZONE,
    orders_seq      BIGINT,
    payment_status  VARCHAR(16),
    payment_seq     BIGINT,
    stock_status    VARCHAR(16),
    stock_seq       BIGINT,
    shipment_id     VARCHAR(255),
    shipment_status VARCHAR(16),
    shipment_seq    BIGINT,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Each step happens at most once per order, so its key makes a repeated event a no-op.
CREATE TABLE order_timeline (
    order_id    VARCHAR(255)             NOT NULL,
    step        VARCHAR(40)              NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (order_id, step)
);
