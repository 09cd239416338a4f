-- Idempotency-Key of case creation moves to the platform's table (db/idempotency), shared with other operations.
INSERT INTO idempotent_request (operation, scope, key, request_hash, resource_id, created_at)
SELECT 'open-case', organisation, key, request_hash, case_id, created_at FROM idempotency_key;
DROP TABLE idempotency_key;
