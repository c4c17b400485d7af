"""The support desk: staff explain a customer's liquidation with the customer's own numbers
and send a read-only link (`/support/…` for staff, `/cases/<token>/` for the customer)."""
