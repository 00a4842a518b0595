-- Down script of 002_add_sample_data: deletes the sample rows by their fixed keys and
-- nothing else. Deleting a recommendation cascades to its targets and option idea.
-- Run by `migrate --rollback` in one transaction.

DELETE FROM recommendations
WHERE reco_id IN ('5a3f0001-0000-4000-8000-000000000001', '5a3f0001-0000-4000-8000-000000000002',
                  '5a3f0001-0000-4000-8000-000000000003', '5a3f0001-0000-4000-8000-000000000004',
                  '5a3f0001-0000-4000-8000-000000000005', '5a3f0001-0000-4000-8000-000000000006',
                  '5a3f0001-0000-4000-8000-000000000007', '5a3f0001-0000-4000-8000-000000000008');
