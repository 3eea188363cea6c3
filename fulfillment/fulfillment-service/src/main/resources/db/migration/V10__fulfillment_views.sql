-- Read models of the fulfillment context. Versions below 10 belong to the platform's shared Axon tables.
-- Every row is set to what one event says, so handling an event again leaves the same rows; stock levels are
-- sums over these rows, computed when read.

-- One row per receipt (the event's id), so a receipt seen twice counts once.
CREATE TABLE stock_receipt (
    event_id    VARCHAR(255)             NOT NULL PRIMARY KEY,
    sku         VARCHAR(255)             NOT NULL,
    quantity    INTEGER                  NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX stock_receipt_sku ON stock_receipt (sku);

-- What an order holds of a SKU: RESERVED counts as reserved, SHIPPED has left the stock, RELEASED is back.
CREATE TABLE stock_allocation (
    sku        VARCHAR(255)             NOT NULL,
    order_id   VARCHAR(255)             NOT NULL,
    quantity   INTEGER                  NOT NULL,
    status     VARCHAR(16)              NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (sku, order_id)
);

CREATE TABLE shipment_view (
    shipment_id VARCHAR(255)             NOT NULL PRIMARY KEY,
    order_id    VARCHAR(255)             NOT NULL,
    status      VARCHAR(16)              NOT NULL,
    lines       JSONB                    NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX shipment_view_order ON shipment_view (order_id);
