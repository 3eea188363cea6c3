-- Read models of the payments context. Versions below 10 belong to the platform's shared Axon tables.
CREATE TABLE account_view (
    customer_id  VARCHAR(255)             NOT NULL PRIMARY KEY,
    credit_limit NUMERIC(16, 2)           NOT NULL,
    opened_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE payment_view (
    order_id       VARCHAR(255)             NOT NULL PRIMARY KEY,
    customer_id    VARCHAR(255)             NOT NULL,
    amount         NUMERIC(16, 2)           NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    decline_reason VARCHAR(32),
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX payment_view_customer ON payment_view (customer_id, status);
