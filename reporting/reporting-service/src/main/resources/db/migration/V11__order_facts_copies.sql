-- The reports read from one of two copies of the order facts, schemas facts_a and facts_b, each fed by its own
-- tracking processor (order-facts-a, order-facts-b) with its own token. The copy named by report_copy.active_copy
-- answers queries; the other is rebuilt from the beginning of the topics on request and takes over once it has
-- caught up. The previous single copy (public.order_overview / order_timeline and processor order-overview) is
-- replaced: both new copies are filled from the topics, which keep every event.

DROP TABLE order_timeline;
DROP TABLE order_overview;
DELETE FROM tokenentry WHERE processorname = 'order-overview';

CREATE SCHEMA facts_a;
CREATE SCHEMA facts_b;

-- One row per order, filled by the events of three topics in whatever order they arrive. Each group of columns
-- belongs to one aggregate and carries the sequence number of the last event that set it (*_seq), so an older or
-- repeated event of that aggregate never overwrites a newer one. Amounts are facts that never change once told.
CREATE TABLE facts_a.order_overview (
    order_id        VARCHAR(255)             NOT NULL PRIMARY KEY,
    customer_id     VARCHAR(255),
    order_status    VARCHAR(16),
    reason          VARCHAR(32),
    total           NUMERIC(16, 2),
    currency        VARCHAR(3),
    placed_at       TIMESTAMP WITH TIME ZONE,
    orders_seq      BIGINT,
    payment_status  VARCHAR(16),
    payment_seq     BIGINT,
    captured_amount NUMERIC(16, 2),
    refunded_amount NUMERIC(16, 2),
    stock_status    VARCHAR(16),
    stock_seq       BIGINT,
    shipment_id     VARCHAR(255),
    shipment_status VARCHAR(16),
    shipment_seq    BIGINT,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX order_overview_customer ON facts_a.order_overview (customer_id);

-- Each step happens at most once per order, so its key makes a repeated event a no-op.
CREATE TABLE facts_a.order_timeline (
    order_id    VARCHAR(255)             NOT NULL,
    step        VARCHAR(40)              NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (order_id, step)
);
CREATE INDEX order_timeline_step_time ON facts_a.order_timeline (step, occurred_at);

-- What was ordered; an order's lines never change.
CREATE TABLE facts_a.order_line (
    order_id   VARCHAR(255)   NOT NULL,
    sku        VARCHAR(255)   NOT NULL,
    quantity   INTEGER        NOT NULL,
    unit_price NUMERIC(16, 2) NOT NULL,
    PRIMARY KEY (order_id, sku)
);

CREATE TABLE facts_b.order_overview (LIKE facts_a.order_overview INCLUDING ALL);
CREATE TABLE facts_b.order_timeline (LIKE facts_a.order_timeline INCLUDING ALL);
CREATE TABLE facts_b.order_line (LIKE facts_a.order_line INCLUDING ALL);

-- Which copy answers, and the state of the latest rebuild. One row per view.
CREATE TABLE report_copy (
    view_name         VARCHAR(64)              NOT NULL PRIMARY KEY,
    active_copy       VARCHAR(1)               NOT NULL,
    rebuilding_copy   VARCHAR(1),
    rebuild_requested TIMESTAMP WITH TIME ZONE,
    rebuild_reset     TIMESTAMP WITH TIME ZONE,
    rebuild_finished  TIMESTAMP WITH TIME ZONE,
    rebuilds          INTEGER                  NOT NULL DEFAULT 0
);
INSERT INTO report_copy (view_name, active_copy) VALUES ('order-facts', 'a');
