/// The schema, as numbered migrations. Both dialects share it but for the integer type; documents are JSON
/// text next to the columns that are looked up or sorted by.
public enum SQLSchema {
    public static func migrations(_ dialect: SQLDialect) -> [(version: Int, statements: [String])] {
        let int = dialect == .postgres ? "BIGINT" : "INTEGER"
        return [
            (1, [
                """
                CREATE TABLE accounts (id TEXT PRIMARY KEY, name TEXT NOT NULL, currency TEXT NOT NULL,
                  default_country TEXT NOT NULL, identity_priority TEXT NOT NULL, product_key TEXT NOT NULL,
                  created_at TEXT NOT NULL, event_sequence \(int) NOT NULL DEFAULT 0)
                """,
                """
                CREATE TABLE api_keys (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  name TEXT NOT NULL, prefix TEXT NOT NULL, hash TEXT NOT NULL UNIQUE, scopes TEXT NOT NULL,
                  created_at TEXT NOT NULL, last_used_at TEXT, revoked_at TEXT)
                """,
                "CREATE INDEX api_keys_account ON api_keys(account_id, id)",
                """
                CREATE TABLE connections (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  kind TEXT NOT NULL, name TEXT NOT NULL, product_key TEXT, require_contact_channel \(int) NOT NULL,
                  created_at TEXT NOT NULL, UNIQUE (account_id, kind, name))
                """,
                """
                CREATE TABLE contacts (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  email_key TEXT, phone TEXT, doc TEXT NOT NULL,
                  UNIQUE (account_id, email_key), UNIQUE (account_id, phone))
                """,
                "CREATE INDEX contacts_account ON contacts(account_id, id)",
                """
                CREATE TABLE products (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  sku TEXT, name TEXT NOT NULL, code TEXT, doc TEXT NOT NULL)
                """,
                "CREATE INDEX products_sku ON products(account_id, sku)",
                "CREATE INDEX products_name ON products(account_id, name)",
                "CREATE INDEX products_code ON products(account_id, code)",
                """
                CREATE TABLE categories (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  parent_id TEXT NOT NULL, name TEXT NOT NULL, created_at TEXT NOT NULL, UNIQUE (account_id, parent_id, name))
                """,
                """
                CREATE TABLE field_definitions (account_id TEXT NOT NULL REFERENCES accounts(id), grp TEXT NOT NULL,
                  name TEXT NOT NULL, type TEXT NOT NULL, PRIMARY KEY (account_id, grp, name))
                """,
                """
                CREATE TABLE orders (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  connection_id TEXT NOT NULL, external_id TEXT NOT NULL, contact_id TEXT, doc TEXT NOT NULL,
                  UNIQUE (connection_id, external_id))
                """,
                "CREATE INDEX orders_account ON orders(account_id, id)",
                "CREATE INDEX orders_contact ON orders(account_id, contact_id, id)",
                """
                CREATE TABLE events (account_id TEXT NOT NULL REFERENCES accounts(id), sequence \(int) NOT NULL,
                  id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL, PRIMARY KEY (account_id, sequence))
                """,
                """
                CREATE TABLE timeline (id TEXT PRIMARY KEY, account_id TEXT NOT NULL, subject_id TEXT NOT NULL, doc TEXT NOT NULL)
                """,
                "CREATE INDEX timeline_subject ON timeline(account_id, subject_id, id)",
                """
                CREATE TABLE rejections (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), doc TEXT NOT NULL)
                """,
                "CREATE INDEX rejections_account ON rejections(account_id, id)",
            ]),
            (2, [
                "CREATE INDEX events_id ON events(account_id, id)",
                "CREATE TABLE templates (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), doc TEXT NOT NULL)",
                "CREATE INDEX templates_account ON templates(account_id, id)",
                """
                CREATE TABLE triggers (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  active \(int) NOT NULL, doc TEXT NOT NULL)
                """,
                "CREATE INDEX triggers_account ON triggers(account_id, active, id)",
                // The queue: due time and lease as integers (epoch milliseconds) so both dialects compare them alike.
                """
                CREATE TABLE deliveries (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  trigger_id TEXT NOT NULL, event_id TEXT NOT NULL, event_type TEXT NOT NULL, status TEXT NOT NULL,
                  next_attempt_ms \(int), lease_token TEXT, lease_expires_ms \(int), created_ms \(int) NOT NULL, doc TEXT NOT NULL)
                """,
                "CREATE INDEX deliveries_due ON deliveries(status, next_attempt_ms)",
                "CREATE INDEX deliveries_account ON deliveries(account_id, id)",
                "CREATE INDEX deliveries_lease ON deliveries(lease_token)", // dropped by 14
                """
                CREATE TABLE delivery_attempts (delivery_id TEXT NOT NULL, number \(int) NOT NULL, doc TEXT NOT NULL,
                  PRIMARY KEY (delivery_id, number))
                """,
            ]),
            (3, [
                // Settings, sealed credentials and the webhook token of platform connections.
                "ALTER TABLE connections ADD COLUMN doc TEXT",
                """
                CREATE TABLE inbox (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  connection_id TEXT NOT NULL, delivery_key TEXT NOT NULL, status TEXT NOT NULL,
                  received_ms \(int) NOT NULL, doc TEXT NOT NULL, UNIQUE (connection_id, delivery_key))
                """,
                "CREATE INDEX inbox_connection ON inbox(account_id, connection_id, id)",
                "CREATE INDEX inbox_status ON inbox(status, received_ms)",
                "CREATE INDEX inbox_received ON inbox(received_ms)",
                """
                CREATE TABLE backfills (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  connection_id TEXT NOT NULL, status TEXT NOT NULL, doc TEXT NOT NULL)
                """,
                "CREATE INDEX backfills_status ON backfills(status)",
            ]),
            (4, [
                // How an account sends and formats messages (`PATCH /v1/settings`), secrets sealed.
                "CREATE TABLE account_settings (account_id TEXT PRIMARY KEY REFERENCES accounts(id), doc TEXT NOT NULL)",
            ]),
            (5, [
                // Automations, their runs (status and due time as columns: the scheduler's queue; one run per
                // automation and event) and the suppression list of keyed hashes that outlives erasure.
                """
                CREATE TABLE automations (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  active \(int) NOT NULL, doc TEXT NOT NULL)
                """,
                "CREATE INDEX automations_account ON automations(account_id, active, id)",
                """
                CREATE TABLE automation_runs (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  automation_id TEXT NOT NULL, contact_id TEXT, event_id TEXT NOT NULL, status TEXT NOT NULL,
                  next_step \(int) NOT NULL, due_ms \(int), doc TEXT NOT NULL, UNIQUE (automation_id, event_id))
                """,
                "CREATE INDEX automation_runs_due ON automation_runs(status, due_ms)",
                "CREATE INDEX automation_runs_automation ON automation_runs(account_id, automation_id, id)",
                "CREATE INDEX automation_runs_contact ON automation_runs(account_id, contact_id, status)",
                """
                CREATE TABLE suppressions (account_id TEXT NOT NULL REFERENCES accounts(id), hash TEXT NOT NULL,
                  reason TEXT NOT NULL, created_ms \(int) NOT NULL, PRIMARY KEY (account_id, hash))
                """,
            ]),
            (6, [
                // Lists of contacts and who is in which; a contact in no row here is in "no list".
                "CREATE TABLE lists (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), doc TEXT NOT NULL)",
                "CREATE INDEX lists_account ON lists(account_id, id)",
                """
                CREATE TABLE list_members (list_id TEXT NOT NULL, account_id TEXT NOT NULL REFERENCES accounts(id),
                  contact_id TEXT NOT NULL, PRIMARY KEY (list_id, contact_id))
                """,
                "CREATE INDEX list_members_contact ON list_members(account_id, contact_id)",
            ]),
            (7, [
                // What engagement (RFM) sums per contact, as columns so one indexed GROUP BY reads it: when the
                // order was placed, and its total in hundredths while it counts as a purchase (NULL when
                // cancelled, returned or failed). Filled for existing orders by data migration 1002.
                "ALTER TABLE orders ADD COLUMN placed_ms \(int)",
                "ALTER TABLE orders ADD COLUMN counted_minor \(int)",
                "CREATE INDEX orders_rfm ON orders(account_id, contact_id, placed_ms, counted_minor)",
                """
                CREATE TABLE scheduled_jobs (account_id TEXT NOT NULL REFERENCES accounts(id), job TEXT NOT NULL,
                  due_ms \(int) NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (account_id, job))
                """,
            ]),
            (8, [
                // The till: the member number as a column (unique per account, so a till finds one customer by
                // it; filled for existing contacts by data migration 1003), the loyalty club's counter (a
                // number is never issued twice), and the log of look-ups (a keyed hash of the key, never the key).
                "ALTER TABLE contacts ADD COLUMN member_number TEXT",
                "CREATE UNIQUE INDEX contacts_member_number ON contacts(account_id, member_number)",
                "CREATE TABLE member_numbers (account_id TEXT PRIMARY KEY REFERENCES accounts(id), last_issued \(int) NOT NULL)",
                """
                CREATE TABLE lookups (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  contact_id TEXT, key_hash TEXT NOT NULL, doc TEXT NOT NULL)
                """,
                "CREATE INDEX lookups_account ON lookups(account_id, id)",
                "CREATE INDEX lookups_contact ON lookups(account_id, contact_id)",
                "CREATE INDEX lookups_key ON lookups(account_id, key_hash)",
            ]),
            (9, [
                // Bonus checks: the remaining amount (in hundredths) as a column, so that a redemption takes from
                // the balance it read or from none; redemption answers under their idempotency keys.
                """
                CREATE TABLE vouchers (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), code TEXT NOT NULL,
                  contact_id TEXT, remaining_minor \(int) NOT NULL, doc TEXT NOT NULL, UNIQUE (account_id, code))
                """,
                "CREATE INDEX vouchers_contact ON vouchers(account_id, contact_id)",
                """
                CREATE TABLE voucher_redemptions (account_id TEXT NOT NULL REFERENCES accounts(id), idempotency_key TEXT NOT NULL,
                  voucher_id TEXT NOT NULL, created_ms \(int) NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (account_id, idempotency_key))
                """,
                "CREATE INDEX voucher_redemptions_voucher ON voucher_redemptions(voucher_id)",
            ]),
            (10, [
                // The admin: users (an e-mail signs in to one account, so it is unique everywhere), their signed-in
                // browsers (the hash of the cookie's token, never the token) and the log of what they changed.
                """
                CREATE TABLE admin_users (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  email_key TEXT NOT NULL UNIQUE, doc TEXT NOT NULL)
                """,
                "CREATE INDEX admin_users_account ON admin_users(account_id, email_key)",
                """
                CREATE TABLE admin_sessions (token_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  user_id TEXT NOT NULL, created_ms \(int) NOT NULL, seen_ms \(int) NOT NULL)
                """,
                "CREATE INDEX admin_sessions_user ON admin_sessions(user_id)",
                "CREATE TABLE admin_audit (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), doc TEXT NOT NULL)",
                "CREATE INDEX admin_audit_account ON admin_audit(account_id, id)",
            ]),
            (11, [
                // Backfill leases: the run that holds one fetches and writes the backfill's pages, and renews it as it
                // goes; another process takes over only once it has run out (the holder died).
                "ALTER TABLE backfills ADD COLUMN lease_token TEXT",
                "ALTER TABLE backfills ADD COLUMN lease_until_ms \(int)",
                // Inbox leases: processes applying webhook deliveries side by side claim different ones.
                "ALTER TABLE inbox ADD COLUMN lease_token TEXT",
                "ALTER TABLE inbox ADD COLUMN lease_until_ms \(int)",
            ]),
            (12, [
                // Merge candidates: two contacts that may be one person, until someone merges or dismisses them.
                // One per pair of contacts (the smaller id first); filled from the timeline notes that recorded
                // them before by data migration 1004.
                """
                CREATE TABLE merge_candidates (id TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id),
                  contact_a TEXT NOT NULL, contact_b TEXT NOT NULL, status TEXT NOT NULL, doc TEXT NOT NULL,
                  UNIQUE (account_id, contact_a, contact_b))
                """,
                "CREATE INDEX merge_candidates_account ON merge_candidates(account_id, id)",
                "CREATE INDEX merge_candidates_contact_b ON merge_candidates(account_id, contact_b)",
            ]),
            (13, [
                // Erasure and access requests find a person's events by this column (filled for earlier events by
                // data migration 1005) and those events' deliveries by the index on event_id.
                "ALTER TABLE events ADD COLUMN contact_id TEXT",
                "CREATE INDEX events_contact ON events(account_id, contact_id)",
                "CREATE INDEX deliveries_event ON deliveries(account_id, event_id)",
            ]),
            (14, [
                // Claiming a delivery sets its lease; with the lease indexed, every claim and every release wrote
                // a new entry in each of the table's indexes. Every statement that reads the lease finds the row by
                // its id first, so the index only cost. Without it, PostgreSQL can update a claimed row in place on
                // its page (a HOT update) when the page has room: hence the fill factor, which applies to pages
                // written from now on.
                "DROP INDEX IF EXISTS deliveries_lease",
            ] + (dialect == .postgres ? ["ALTER TABLE deliveries SET (fillfactor = 80)"] : [])),
            (15, [
                // What became of a webhook delivery, beside its document rather than in it: applying one then writes
                // these few bytes instead of the whole received body again. Empty for deliveries applied before,
                // whose documents say it (the status column always did).
                "ALTER TABLE inbox ADD COLUMN outcome TEXT",
                "ALTER TABLE inbox ADD COLUMN processed_ms \(int)",
            ] + (dialect == .postgres ? [Self.lz4Documents] : [])),
        ]
    }

    /// PostgreSQL compresses a document of more than about 2 KB as it stores it; with lz4 rather than the
    /// default pglz, storing a 13 KB webhook took 15 µs instead of 76, for about a third more space (10,000 of
    /// them: 40 MB against 31). Documents written from now on; a server without lz4 (or older than 14) keeps
    /// pglz, with a warning in its log.
    static let lz4Documents = """
        DO $$
        DECLARE t text;
        BEGIN
          FOREACH t IN ARRAY ARRAY['inbox', 'orders', 'events', 'contacts', 'deliveries', 'delivery_attempts', 'timeline', 'rejections'] LOOP
            EXECUTE format('ALTER TABLE %I ALTER COLUMN doc SET COMPRESSION lz4', t);
          END LOOP;
        EXCEPTION WHEN OTHERS THEN
          RAISE WARNING 'Kvitto: documents stay compressed with pglz: %', SQLERRM;
        END $$
        """
}
