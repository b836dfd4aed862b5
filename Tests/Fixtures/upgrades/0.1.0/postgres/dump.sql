--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: account_settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.account_settings (
    account_id text NOT NULL,
    doc text NOT NULL
);


--
-- Name: accounts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accounts (
    id text NOT NULL,
    name text NOT NULL,
    currency text NOT NULL,
    default_country text NOT NULL,
    identity_priority text NOT NULL,
    product_key text NOT NULL,
    created_at text NOT NULL,
    event_sequence bigint DEFAULT 0 NOT NULL
);


--
-- Name: admin_audit; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_audit (
    id text NOT NULL,
    account_id text NOT NULL,
    doc text NOT NULL
);


--
-- Name: admin_sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_sessions (
    token_hash text NOT NULL,
    account_id text NOT NULL,
    user_id text NOT NULL,
    created_ms bigint NOT NULL,
    seen_ms bigint NOT NULL
);


--
-- Name: admin_users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admin_users (
    id text NOT NULL,
    account_id text NOT NULL,
    email_key text NOT NULL,
    doc text NOT NULL
);


--
-- Name: api_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.api_keys (
    id text NOT NULL,
    account_id text NOT NULL,
    name text NOT NULL,
    prefix text NOT NULL,
    hash text NOT NULL,
    scopes text NOT NULL,
    created_at text NOT NULL,
    last_used_at text,
    revoked_at text
);


--
-- Name: automation_runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.automation_runs (
    id text NOT NULL,
    account_id text NOT NULL,
    automation_id text NOT NULL,
    contact_id text,
    event_id text NOT NULL,
    status text NOT NULL,
    next_step bigint NOT NULL,
    due_ms bigint,
    doc text NOT NULL
);


--
-- Name: automations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.automations (
    id text NOT NULL,
    account_id text NOT NULL,
    active bigint NOT NULL,
    doc text NOT NULL
);


--
-- Name: backfills; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.backfills (
    id text NOT NULL,
    account_id text NOT NULL,
    connection_id text NOT NULL,
    status text NOT NULL,
    doc text NOT NULL,
    lease_token text,
    lease_until_ms bigint
);


--
-- Name: categories; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.categories (
    id text NOT NULL,
    account_id text NOT NULL,
    parent_id text NOT NULL,
    name text NOT NULL,
    created_at text NOT NULL
);


--
-- Name: connections; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.connections (
    id text NOT NULL,
    account_id text NOT NULL,
    kind text NOT NULL,
    name text NOT NULL,
    product_key text,
    require_contact_channel bigint NOT NULL,
    created_at text NOT NULL,
    doc text
);


--
-- Name: contacts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contacts (
    id text NOT NULL,
    account_id text NOT NULL,
    email_key text,
    phone text,
    doc text NOT NULL,
    member_number text
);


--
-- Name: deliveries; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.deliveries (
    id text NOT NULL,
    account_id text NOT NULL,
    trigger_id text NOT NULL,
    event_id text NOT NULL,
    event_type text NOT NULL,
    status text NOT NULL,
    next_attempt_ms bigint,
    lease_token text,
    lease_expires_ms bigint,
    created_ms bigint NOT NULL,
    doc text NOT NULL
);


--
-- Name: delivery_attempts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.delivery_attempts (
    delivery_id text NOT NULL,
    number bigint NOT NULL,
    doc text NOT NULL
);


--
-- Name: events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.events (
    account_id text NOT NULL,
    sequence bigint NOT NULL,
    id text NOT NULL,
    doc text NOT NULL,
    contact_id text
);


--
-- Name: field_definitions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.field_definitions (
    account_id text NOT NULL,
    grp text NOT NULL,
    name text NOT NULL,
    type text NOT NULL
);


--
-- Name: inbox; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.inbox (
    id text NOT NULL,
    account_id text NOT NULL,
    connection_id text NOT NULL,
    delivery_key text NOT NULL,
    status text NOT NULL,
    received_ms bigint NOT NULL,
    doc text NOT NULL,
    lease_token text,
    lease_until_ms bigint
);


--
-- Name: list_members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.list_members (
    list_id text NOT NULL,
    account_id text NOT NULL,
    contact_id text NOT NULL
);


--
-- Name: lists; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lists (
    id text NOT NULL,
    account_id text NOT NULL,
    doc text NOT NULL
);


--
-- Name: lookups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.lookups (
    id text NOT NULL,
    account_id text NOT NULL,
    contact_id text,
    key_hash text NOT NULL,
    doc text NOT NULL
);


--
-- Name: member_numbers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.member_numbers (
    account_id text NOT NULL,
    last_issued bigint NOT NULL
);


--
-- Name: merge_candidates; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.merge_candidates (
    id text NOT NULL,
    account_id text NOT NULL,
    contact_a text NOT NULL,
    contact_b text NOT NULL,
    status text NOT NULL,
    doc text NOT NULL
);


--
-- Name: orders; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orders (
    id text NOT NULL,
    account_id text NOT NULL,
    connection_id text NOT NULL,
    external_id text NOT NULL,
    contact_id text,
    doc text NOT NULL,
    placed_ms bigint,
    counted_minor bigint
);


--
-- Name: products; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.products (
    id text NOT NULL,
    account_id text NOT NULL,
    sku text,
    name text NOT NULL,
    code text,
    doc text NOT NULL
);


--
-- Name: rejections; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rejections (
    id text NOT NULL,
    account_id text NOT NULL,
    doc text NOT NULL
);


--
-- Name: scheduled_jobs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.scheduled_jobs (
    account_id text NOT NULL,
    job text NOT NULL,
    due_ms bigint NOT NULL,
    doc text NOT NULL
);


--
-- Name: schema_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schema_migrations (
    version bigint NOT NULL,
    applied_at text NOT NULL
);


--
-- Name: suppressions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.suppressions (
    account_id text NOT NULL,
    hash text NOT NULL,
    reason text NOT NULL,
    created_ms bigint NOT NULL
);


--
-- Name: templates; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.templates (
    id text NOT NULL,
    account_id text NOT NULL,
    doc text NOT NULL
);


--
-- Name: timeline; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.timeline (
    id text NOT NULL,
    account_id text NOT NULL,
    subject_id text NOT NULL,
    doc text NOT NULL
);


--
-- Name: triggers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.triggers (
    id text NOT NULL,
    account_id text NOT NULL,
    active bigint NOT NULL,
    doc text NOT NULL
);


--
-- Name: voucher_redemptions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.voucher_redemptions (
    account_id text NOT NULL,
    idempotency_key text NOT NULL,
    voucher_id text NOT NULL,
    created_ms bigint NOT NULL,
    doc text NOT NULL
);


--
-- Name: vouchers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.vouchers (
    id text NOT NULL,
    account_id text NOT NULL,
    code text NOT NULL,
    contact_id text,
    remaining_minor bigint NOT NULL,
    doc text NOT NULL
);


--
-- Data for Name: account_settings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.account_settings (account_id, doc) FROM stdin;
acc_01M917KR0T8ZHGR6M12P41QWK0	{"smtp":{"host":"smtp.example","port":587,"starttls":true,"username":"butiken","from":"Butiken <order@butiken.se>","sealed_password":"v1:YwVFjWWBliRH8xa+WSxG53hh6mQ70MCj0FH2NULT2i9aBzgtkwnXLTTLrnvXiBJkAw=="},"sms_gateway":null,"time_zone":"Europe/Stockholm","locale":null,"alert_email":null,"engagement_schedule":{"weekday":"sunday","hour":18},"loyalty":{"issue_member_numbers":false,"member_number_prefix":"","first_member_number":1},"pos":{"own_purchases_only":false,"sections":null},"updated_at":"2026-12-04T19:13:34.022Z"}
\.


--
-- Data for Name: accounts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.accounts (id, name, currency, default_country, identity_priority, product_key, created_at, event_sequence) FROM stdin;
acc_01M917KR0T8ZHGR6M12P41QWK0	Butiken	SEK	SE	email,phone	sku	2026-12-04T19:13:33.210Z	13
\.


--
-- Data for Name: admin_audit; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_audit (id, account_id, doc) FROM stdin;
\.


--
-- Data for Name: admin_sessions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_sessions (token_hash, account_id, user_id, created_ms, seen_ms) FROM stdin;
\.


--
-- Data for Name: admin_users; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.admin_users (id, account_id, email_key, doc) FROM stdin;
usr_01M917KRZ5FQMC2C5RXKPHG8RE	acc_01M917KR0T8ZHGR6M12P41QWK0	admin@butiken.se	{"id":"usr_01M917KRZ5FQMC2C5RXKPHG8RE","account_id":"acc_01M917KR0T8ZHGR6M12P41QWK0","email":"admin@butiken.se","name":"Fixture Admin","role":"owner","grants":[],"created_at":"2026-12-04T19:13:34.181Z","updated_at":"2026-12-04T19:13:34.181Z","disabled_at":null,"password_hash":"pbkdf2-sha256$600000$1UTghI1njlakHJwm1tWInQ==$/qGhOrLFrU+L+vRTacRnKCYsj2oR6u97ND2iZfqzWtU="}
\.


--
-- Data for Name: api_keys; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.api_keys (id, account_id, name, prefix, hash, scopes, created_at, last_used_at, revoked_at) FROM stdin;
key_01M917KR0T8ZHGR6M12P41QWKB	acc_01M917KR0T8ZHGR6M12P41QWK0	admin	kvt_AfgD8GWa	6111089ed686958ead2166c8a68176581bd8d16d03e406a7a8355c146a79ed0a	admin	2026-12-04T19:13:33.210Z	2026-12-04T19:13:33.434Z	\N
key_01M917KR7W37CPRT6TKVG1TZ21	acc_01M917KR0T8ZHGR6M12P41QWK0	webshop	kvt_dWiH1-Jo	033d49f61d8da494ce8cfd2d026de8b48ea3c791a8c64845088f3766718f6cc0	ingest,read	2026-12-04T19:13:33.436Z	2026-12-04T19:13:33.442Z	\N
key_01M917KR7Z34FSSKRCKCSB993F	acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo	kvt_dMnLtaOr	3f25b1f3688414db93e5f556931f272e5b2f833a0e314dc1a7b7be775d201a54	pos	2026-12-04T19:13:33.439Z	2026-12-04T19:13:34.047Z	\N
\.


--
-- Data for Name: automation_runs; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.automation_runs (id, account_id, automation_id, contact_id, event_id, status, next_step, due_ms, doc) FROM stdin;
run_01M917KRVBAHRHKDAEBV8M64KN	acc_01M917KR0T8ZHGR6M12P41QWK0	aut_01M917KRTGF3M6PMN70PGR9VJQ	con_01M917KR839HQMNZT2PNEVAJTB	evt_01M917KRVBAHRHKDAEBV8M64KM	completed	1	\N	{"id":"run_01M917KRVBAHRHKDAEBV8M64KN","automation_id":"aut_01M917KRTGF3M6PMN70PGR9VJQ","contact_id":"con_01M917KR839HQMNZT2PNEVAJTB","event_id":"evt_01M917KRVBAHRHKDAEBV8M64KM","status":"completed","next_step":1,"due_at":null,"log":[{"at":"2026-12-04T19:13:34.059Z","step":0,"outcome":"queued email to Anna@Example.se","delivery_id":"dlv_01M917KRVBAHRHKDAEBV8M64KP"}],"created_at":"2026-12-04T19:13:34.059Z","updated_at":"2026-12-04T19:13:34.059Z"}
\.


--
-- Data for Name: automations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.automations (id, account_id, active, doc) FROM stdin;
aut_01M917KRTGF3M6PMN70PGR9VJQ	acc_01M917KR0T8ZHGR6M12P41QWK0	1	{"id":"aut_01M917KRTGF3M6PMN70PGR9VJQ","name":"Tack för köpet","active":true,"trigger":{"event_type":"order.received"},"steps":[{"type":"email","template_id":"tpl_01M917KRTE6K1AN7EC40PS5M5A","active":true}],"created_at":"2026-12-04T19:13:34.032Z","updated_at":"2026-12-04T19:13:34.032Z"}
\.


--
-- Data for Name: backfills; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.backfills (id, account_id, connection_id, status, doc, lease_token, lease_until_ms) FROM stdin;
\.


--
-- Data for Name: categories; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.categories (id, account_id, parent_id, name, created_at) FROM stdin;
cat_01M917KR839HQMNZT2PNEVAJTF	acc_01M917KR0T8ZHGR6M12P41QWK0		Clothing	2026-12-04T19:13:33.443Z
cat_01M917KR839HQMNZT2PNEVAJTG	acc_01M917KR0T8ZHGR6M12P41QWK0	cat_01M917KR839HQMNZT2PNEVAJTF	Hoodies	2026-12-04T19:13:33.443Z
cat_01M917KR839HQMNZT2PNEVAJTJ	acc_01M917KR0T8ZHGR6M12P41QWK0	cat_01M917KR839HQMNZT2PNEVAJTF	Caps	2026-12-04T19:13:33.443Z
cat_01M917KR9H0D5ZJYY14VGR8SV9	acc_01M917KR0T8ZHGR6M12P41QWK0		Accessories	2026-12-04T19:13:33.489Z
cat_01M917KR9H0D5ZJYY14VGR8SVA	acc_01M917KR0T8ZHGR6M12P41QWK0	cat_01M917KR9H0D5ZJYY14VGR8SV9	Bags	2026-12-04T19:13:33.489Z
\.


--
-- Data for Name: connections; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.connections (id, account_id, kind, name, product_key, require_contact_channel, created_at, doc) FROM stdin;
cnx_01M917KR839HQMNZT2PNEVAJTA	acc_01M917KR0T8ZHGR6M12P41QWK0	api	webshop	\N	1	2026-12-04T19:13:33.443Z	{"settings":{"status_mapping":{},"status_sync":true,"import_window_days":60,"excluded_states":[],"send_order_data":true,"status_write_back":null,"status_write_mapping":{}},"sealed_credentials":null,"webhook_token":null,"updated_at":"2026-12-04T19:13:33.443Z"}
cnx_01M917KRHZAR30749YC9WQYZYJ	acc_01M917KR0T8ZHGR6M12P41QWK0	woocommerce	Butik	\N	1	2026-12-04T19:13:33.759Z	{"settings":{"status_mapping":{},"status_sync":true,"import_window_days":60,"excluded_states":["cancelled","completed","failed","refunded","trash"],"send_order_data":true,"status_write_back":true,"status_write_mapping":{}},"sealed_credentials":"v1:jr+vnN1hiDCG/3c9K7GY9qX6k1yBMMGr64grtYxOHlCWPsYC7fDmnsI8QI6cvKQopggC75T6zCnQ6v3Pg8UJ2uJvaiRJntqOXZCi8UIhr5g6pAd223BafP1ri8nMPqa7NSRDF5RxtmPPPioNVp8SD7Yviw3cCmnCrKH3N7ZjfKDDHA8si6W97diTWMh8miI06kc6Jnx9QyJx+hLKEaHhSuY8aRD/79DCdb9AzGNf1y9JLP9J3Vs=","webhook_token":null,"updated_at":"2026-12-04T19:13:33.759Z"}
cnx_01M917KRVBAHRHKDAEBV8M64KG	acc_01M917KR0T8ZHGR6M12P41QWK0	api	pos	\N	0	2026-12-04T19:13:34.059Z	{"settings":{"status_mapping":{},"status_sync":true,"import_window_days":60,"excluded_states":[],"send_order_data":true,"status_write_back":null,"status_write_mapping":{}},"sealed_credentials":null,"webhook_token":null,"updated_at":"2026-12-04T19:13:34.059Z"}
\.


--
-- Data for Name: contacts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.contacts (id, account_id, email_key, phone, doc, member_number) FROM stdin;
con_01M917KR8JEY9QZDBKW7X9J2M4	acc_01M917KR0T8ZHGR6M12P41QWK0	eva@example.se	+46707654321	{"id":"con_01M917KR8JEY9QZDBKW7X9J2M4","email":"eva@example.se","phone":"+46707654321","phone_raw":"070-765 43 21","first_name":"Eva","last_name":"Lind","address":{"line1":"Sveavägen 12","line2":null,"postal_code":"113 50","city":"Stockholm","region":null,"country":"SE"},"tags":[],"fields":{"Sitoo-Contact":{"bonuschecks":[{"code":"BC-1002","amount":"50.00","remaining":"50.00","currency":"SEK","valid_from":"2026-01-01T00:00:00.000Z","valid_to":"2030-12-31T23:59:59.999Z","used_at":null,"redeemed":false}]}},"consent":null,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:33.458Z","updated_at":"2026-12-04T19:13:34.042Z"}	\N
con_01M917KRV6ANE6W9X4M6N1F0TJ	acc_01M917KR0T8ZHGR6M12P41QWK0	karin@example.se	+46731112233	{"id":"con_01M917KRV6ANE6W9X4M6N1F0TJ","email":"karin@example.se","phone":"+46731112233","phone_raw":"073-111 22 33","first_name":"Karin","last_name":"Holm","address":{"line1":"Kungsgatan 5","line2":null,"postal_code":"411 19","city":"Göteborg","region":null,"country":"SE"},"tags":[],"fields":{"Sitoo-Contact":{"accepts_communication":["email","sms"]}},"consent":true,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:34.054Z","updated_at":"2026-12-04T19:13:34.054Z"}	\N
con_01M917KR839HQMNZT2PNEVAJTB	acc_01M917KR0T8ZHGR6M12P41QWK0	anna@example.se	+46701234567	{"id":"con_01M917KR839HQMNZT2PNEVAJTB","email":"Anna@Example.se","phone":"+46701234567","phone_raw":"070-123 45 67","first_name":"Anna","last_name":"Berg","address":{"line1":"Storgatan 1","line2":null,"postal_code":"111 22","city":"Stockholm","region":null,"country":"SE"},"tags":["VIP"],"fields":{"Sitoo-Contact":{"bonuschecks":[{"code":"BC-1001","amount":"100.00","remaining":"60.00","currency":"SEK","valid_from":"2026-01-01T00:00:00.000Z","valid_to":"2030-12-31T23:59:59.999Z","used_at":"2026-12-04T19:13:34.072Z","redeemed":false}]}},"consent":null,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:33.443Z","updated_at":"2026-12-04T19:13:34.072Z"}	\N
\.


--
-- Data for Name: deliveries; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.deliveries (id, account_id, trigger_id, event_id, event_type, status, next_attempt_ms, lease_token, lease_expires_ms, created_ms, doc) FROM stdin;
dlv_01M917KR9S9570N6STTM20VMVB	acc_01M917KR0T8ZHGR6M12P41QWK0	trg_01M917KR9QE7A8VNQG7C9GNM2M	evt_01M917KR9S9570N6STTM20VMVA	order.shipped	failed	\N	\N	\N	1796411613497	{"id":"dlv_01M917KR9S9570N6STTM20VMVB","channel":"postback","trigger_id":"trg_01M917KR9QE7A8VNQG7C9GNM2M","event_id":"evt_01M917KR9S9570N6STTM20VMVA","event_type":"order.shipped","status":"failed","attempt_count":1,"cycle_start":0,"next_attempt_at":null,"last_status_code":null,"last_error":"address-refused: localhost resolves to 127.0.0.1 (loopback, 127.0.0.0/8); allow it with --allow-outbound","created_at":"2026-12-04T19:13:33.497Z","updated_at":"2026-12-04T19:13:33.505Z"}
dlv_01M917KRVBAHRHKDAEBV8M64KP	acc_01M917KR0T8ZHGR6M12P41QWK0	aut_01M917KRTGF3M6PMN70PGR9VJQ	evt_01M917KRVBAHRHKDAEBV8M64KM	order.received	pending	1796411932664	\N	\N	1796411614059	{"id":"dlv_01M917KRVBAHRHKDAEBV8M64KP","channel":"email","trigger_id":null,"event_id":"evt_01M917KRVBAHRHKDAEBV8M64KM","event_type":"order.received","status":"pending","attempt_count":2,"cycle_start":0,"next_attempt_at":"2026-12-04T19:18:52.664Z","last_status_code":null,"last_error":"cannot resolve smtp.example","created_at":"2026-12-04T19:13:34.059Z","updated_at":"2026-12-04T19:13:38.511Z","automation_id":"aut_01M917KRTGF3M6PMN70PGR9VJQ","run_id":"run_01M917KRVBAHRHKDAEBV8M64KN","template_id":"tpl_01M917KRTE6K1AN7EC40PS5M5A","contact_id":"con_01M917KR839HQMNZT2PNEVAJTB","recipient":"Anna@Example.se"}
\.


--
-- Data for Name: delivery_attempts; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.delivery_attempts (delivery_id, number, doc) FROM stdin;
dlv_01M917KR9S9570N6STTM20VMVB	1	{"number":1,"at":"2026-12-04T19:13:33.503Z","status_code":null,"latency_ms":1,"response_headers":{},"response_excerpt":null,"error":"address-refused: localhost resolves to 127.0.0.1 (loopback, 127.0.0.0/8); allow it with --allow-outbound"}
dlv_01M917KRVBAHRHKDAEBV8M64KP	1	{"number":1,"at":"2026-12-04T19:13:34.074Z","status_code":null,"latency_ms":0,"response_headers":null,"response_excerpt":"cannot resolve smtp.example","error":"cannot resolve smtp.example"}
dlv_01M917KRVBAHRHKDAEBV8M64KP	2	{"number":2,"at":"2026-12-04T19:13:38.510Z","status_code":null,"latency_ms":0,"response_headers":null,"response_excerpt":"cannot resolve smtp.example","error":"cannot resolve smtp.example"}
\.


--
-- Data for Name: events; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.events (account_id, sequence, id, doc, contact_id) FROM stdin;
acc_01M917KR0T8ZHGR6M12P41QWK0	1	evt_01M917KR839HQMNZT2PNEVAJTC	{"id":"evt_01M917KR839HQMNZT2PNEVAJTC","type":"contact.created","sequence":1,"occurred_at":"2026-12-04T19:13:33.443Z","origin":"api","account_id":"acc_01M917KR0T8ZHGR6M12P41QWK0","data":{"contact":{"id":"con_01M917KR839HQMNZT2PNEVAJTB","email":"Anna@Example.se","phone":"+46701234567","phone_raw":"070-123 45 67","first_name":"Anna","last_name":"Berg","address":{"line1":"Storgatan 1","line2":null,"postal_code":"111 22","city":"Stockholm","region":null,"country":"SE"},"tags":[],"fields":{},"consent":null,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:33.443Z","updated_at":"2026-12-04T19:13:33.443Z"}}}	con_01M917KR839HQMNZT2PNEVAJTB
acc_01M917KR0T8ZHGR6M12P41QWK0	2	evt_01M917KR839HQMNZT2PNEVAJTN	{"id":"evt_01M917KR839HQMNZT2PNEVAJTN","type":"order.received","sequence":2,"occurred_at":"2026-12-04T19:13:33.443Z","origin":"api","account_id":"acc_01M917KR0T8ZHGR6M12P41QWK0","data":{"order":{"id":"ord_01M917KR839HQMNZT2PNEVAJTD","source":"webshop","connection_id":"cnx_01M917KR839HQMNZT2PNEVAJTA","external_id":"1001","number":"#1001","created_at":"2026-11-01T10:00:00.000Z","status":"received","platform_status":null,"currency":"SEK","contact_id":"con_01M917KR839HQMNZT2PNEVAJTB","customer":"contact","lines":[{"product_id":"prd_01M917KR839HQMNZT2PNEVAJTE","external_id":"p-1","sku":"HOOD-M","name":"Hoodie","description":"Grey, M","quantity":2,"unit_price":"299.00","line_total":"598.00"},{"product_id":"prd_01M917KR839HQMNZT2PNEVAJTH","external_id":"p-2","sku":"CAP-1","name":"Keps","description":"Navy","quantity":1,"unit_price":"149.00","line_total":"149.00"}],"shipping":{"carrier":"PostNord","method":"MyPack","cost":"49.00","tracking_number":"RR123","tracking_url":"https://track.example/RR123","address":{"name":"Anna Berg","line1":"Storgatan 1","line2":null,"postal_code":"111 22","city":"Stockholm","region":null,"country":"SE"}},"totals":{"subtotal":"747.00","shipping":"49.00","tax":"159.20","discount":null,"total":"796.00"},"fields":{"Order":{"channel":"web","gift":false}},"locked":false,"received_at":"2026-12-04T19:13:33.443Z","updated_at":"2026-12-04T19:13:33.443Z"},"contact":{"id":"con_01M917KR839HQMNZT2PNEVAJTB","email":"Anna@Example.se","phone":"+46701234567","phone_raw":"070-123 45 67","first_name":"Anna","last_name":"Berg","address":{"line1":"Storgatan 1","line2":null,"postal_code":"111 22","city":"Stockholm","region":null,"country":"SE"},"tags":[],"fields":{},"consent":null,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:33.443Z","updated_at":"2026-12-04T19:13:33.443Z"}}}	con_01M917KR839HQMNZT2PNEVAJTB
acc_01M917KR0T8ZHGR6M12P41QWK0	3	evt_01M917KR8JEY9QZDBKW7X9J2M5	{"id":"evt_01M917KR8JEY9QZDBKW7X9J2M5","type":"contact.created","sequence":3,"occurred_at":"2026-12-04T19:13:33.458Z","origin":"api","account_id":"acc_01M917KR0T8ZHGR6M12P41QWK0","data":{"contact":{"id":"con_01M917KR8JEY9QZDBKW7X9J2M4","email":"eva@example.se","phone":null,"phone_raw":null,"first_name":"Eva","last_name":null,"address":null,"tags":[],"fields":{},"consent":null,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:33.458Z","updated_at":"2026-12-04T19:13:33.458Z"}}}	con_01M917KR8JEY9QZDBKW7X9J2M4
acc_01M917KR0T8ZHGR6M12P41QWK0	4	evt_01M917KR8JEY9QZDBKW7X9J2MA	{"id":"evt_01M917KR8JEY9QZDBKW7X9J2MA","type":"order.received","sequence":4,"occurred_at":"2026-12-04T19:13:33.458Z","origin":"api","account_id":"acc_01M917KR0T8ZHGR6M12P41QWK0","data":{"order":{"id":"ord_01M917KR8JEY9QZDBKW7X9J2M6","source":"webshop","connection_id":"cnx_01M917KR839HQMNZT2PNEVAJTA","external_id":"1002","number":"#1002","created_at":"2026-11-02T12:30:00.000Z","status":"received","platform_status":null,"currency":"SEK","contact_id":"con_01M917KR8JEY9QZDBKW7X9J2M4","customer":"contact","lines":[{"product_id":"prd_01M917KR8JEY9QZDBKW7X9J2M7","external_id":null,"sku":"MUG","name":"Mugg","description":null,"quantity":1,"unit_price":"89.00","line_total":"89.00"}],"shipping":{"carrier":"DHL","method":null,"cost":"0.00","tracking_number":null,"tracking_url":null,"address":null},"totals":{"subtotal":"89.00","shipping":"0.00","tax":null,"discount":null,"total":"89.00"},"fields":{},"locked":false,"received_at":"2026-12-04T19:13:33.458Z","updated_at":"2026-12-04T19:13:33.458Z"},"contact":{"id":"con_01M917KR8JEY9QZDBKW7X9J2M4","email":"eva@example.se","phone":null,"phone_raw":null,"first_name":"Eva","last_name":null,"address":null,"tags":[],"fields":{},"consent":null,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:33.458Z","updated_at":"2026-12-04T19:13:33.458Z"}}}	con_01M917KR8JEY9QZDBKW7X9J2M4
acc_01M917KR0T8ZHGR6M12P41QWK0	5	evt_01M917KR8TBG2FBDW2VKBZ02DE	{"id":"evt_01M917KR8TBG2FBDW2VKBZ02DE","type":"order.received","sequence":5,"occurred_at":"2026-12-04T19:13:33.466Z","origin":"api","account_id":"acc_01M917KR0T8ZHGR6M12P41QWK0","data":{"order":{"id":"ord_01M917KR8TBG2FBDW2VKBZ02DB","source":"webshop","connection_id":"cnx_01M917KR839HQMNZT2PNEVAJTA","external_id":"1003","number":"#1003","created_at":"2026-11-03T08:15:00.000Z","status":"received","platform_status":null,"currency":"SEK","contact_id":"con_01M917KR839HQMNZT2PNEVAJTB","customer":"contact","lines":[{"product_id":"prd_01M917KR839HQMNZT2PNEVAJTE","external_id":null,"sku":"HOOD-M","name":"Hoodie","description":null,"quantity":1,"unit_price":"299.00","line_total":"299.00"}],"shipping":{"carrier":"Budbee","method":null,"cost":"39.00","tracking_number":null,"tracking_url":null,"address":null},"totals":{"subtotal":"299.00","shipping":"39.00","tax":null,"discount":null,"total":"338.00"},"fields":{},"locked":false,"received_at":"2026-12-04T19:13:33.466Z","updated_at":"2026-12-04T19:13:33.466Z"},"contact":{"id":"con_01M917KR839HQMNZT2PNEVAJTB","email":"Anna@Example.se","phone":"+46701234567","phone_raw":"070-123 45 67","first_name":"Anna","last_name":"Berg","address":{"line1":"Storgatan 1","line2":null,"postal_code":"111 22","city":"Stockholm","region":null,"country":"SE"},"tags":[],"fields":{},"consent":null,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:33.443Z","updated_at":"2026-12-04T19:13:33.443Z"}}}	con_01M917KR839HQMNZT2PNEVAJTB
acc_01M917KR0T8ZHGR6M12P41QWK0	13	evt_01M917KRVR9NFV6F607NHM6XGJ	{"id":"evt_01M917KRVR9NFV6F607NHM6XGJ","type":"voucher.redeemed","sequence":13,"occurred_at":"2026-12-04T19:13:34.072Z","origin":"pos","account_id":"acc_01M917KR0T8ZHGR6M12P41QWK0","data":{"voucher":{"code":"BC-1001","amount":"100.00","remaining":"60.00","currency":"SEK","valid_from":"2026-01-01T00:00:00.000Z","valid_to":"2030-12-31T23:59:59.999Z","used_at":"2026-12-04T19:13:34.072Z","redeemed":"40.00","store_id":"200","register_id":"3"},"contact":{"id":"con_01M917KR839HQMNZT2PNEVAJTB","email":"Anna@Example.se","phone":"+46701234567","phone_raw":"070-123 45 67","first_name":"Anna","last_name":"Berg","address":{"line1":"Storgatan 1","line2":null,"postal_code":"111 22","city":"Stockholm","region":null,"country":"SE"},"tags":["VIP"],"fields":{"Sitoo-Contact":{"bonuschecks":[{"code":"BC-1001","amount":"100.00","remaining":"100.00","currency":"SEK","valid_from":"2026-01-01T00:00:00.000Z","valid_to":"2030-12-31T23:59:59.999Z","used_at":null,"redeemed":false}]}},"consent":null,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:33.443Z","updated_at":"2026-12-04T19:13:34.042Z"}}}	con_01M917KR839HQMNZT2PNEVAJTB
acc_01M917KR0T8ZHGR6M12P41QWK0	6	evt_01M917KR924V5403M1RWCG0TD3	{"id":"evt_01M917KR924V5403M1RWCG0TD3","type":"order.shipped","sequence":6,"occurred_at":"2026-12-04T19:13:33.474Z","origin":"api","account_id":"acc_01M917KR0T8ZHGR6M12P41QWK0","data":{"order":{"id":"ord_01M917KR839HQMNZT2PNEVAJTD","source":"webshop","connection_id":"cnx_01M917KR839HQMNZT2PNEVAJTA","external_id":"1001","number":"#1001","created_at":"2026-11-01T10:00:00.000Z","status":"shipped","platform_status":null,"currency":"SEK","contact_id":"con_01M917KR839HQMNZT2PNEVAJTB","customer":"contact","lines":[{"product_id":"prd_01M917KR839HQMNZT2PNEVAJTE","external_id":"p-1","sku":"HOOD-M","name":"Hoodie","description":"Grey, M","quantity":2,"unit_price":"299.00","line_total":"598.00"},{"product_id":"prd_01M917KR839HQMNZT2PNEVAJTH","external_id":"p-2","sku":"CAP-1","name":"Keps","description":"Navy","quantity":1,"unit_price":"149.00","line_total":"149.00"}],"shipping":{"carrier":"PostNord","method":"MyPack","cost":"49.00","tracking_number":"RR123","tracking_url":"https://track.example/RR123","address":{"name":"Anna Berg","line1":"Storgatan 1","line2":null,"postal_code":"111 22","city":"Stockholm","region":null,"country":"SE"}},"totals":{"subtotal":"747.00","shipping":"49.00","tax":"159.20","discount":null,"total":"796.00"},"fields":{"Order":{"channel":"web","gift":false}},"locked":false,"received_at":"2026-12-04T19:13:33.443Z","updated_at":"2026-12-04T19:13:33.474Z"},"contact":{"id":"con_01M917KR839HQMNZT2PNEVAJTB","email":"Anna@Example.se","phone":"+46701234567","phone_raw":"070-123 45 67","first_name":"Anna","last_name":"Berg","address":{"line1":"Storgatan 1","line2":null,"postal_code":"111 22","city":"Stockholm","region":null,"country":"SE"},"tags":[],"fields":{},"consent":null,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:33.443Z","updated_at":"2026-12-04T19:13:33.443Z"}}}	con_01M917KR839HQMNZT2PNEVAJTB
acc_01M917KR0T8ZHGR6M12P41QWK0	7	evt_01M917KR999H830D0A6BA9XAKE	{"id":"evt_01M917KR999H830D0A6BA9XAKE","type":"contact.tag_added","sequence":7,"occurred_at":"2026-12-04T19:13:33.481Z","origin":"api","account_id":"acc_01M917KR0T8ZHGR6M12P41QWK0","data":{"tag":"VIP","contact":{"id":"con_01M917KR839HQMNZT2PNEVAJTB","email":"Anna@Example.se","phone":"+46701234567","phone_raw":"070-123 45 67","first_name":"Anna","last_name":"Berg","address":{"line1":"Storgatan 1","line2":null,"postal_code":"111 22","city":"Stockholm","region":null,"country":"SE"},"tags":["VIP"],"fields":{},"consent":null,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:33.443Z","updated_at":"2026-12-04T19:13:33.481Z"}}}	con_01M917KR839HQMNZT2PNEVAJTB
acc_01M917KR0T8ZHGR6M12P41QWK0	8	evt_01M917KR9S9570N6STTM20VMVA	{"id":"evt_01M917KR9S9570N6STTM20VMVA","type":"order.shipped","sequence":8,"occurred_at":"2026-12-04T19:13:33.497Z","origin":"api","account_id":"acc_01M917KR0T8ZHGR6M12P41QWK0","data":{"order":{"id":"ord_01M917KR8TBG2FBDW2VKBZ02DB","source":"webshop","connection_id":"cnx_01M917KR839HQMNZT2PNEVAJTA","external_id":"1003","number":"#1003","created_at":"2026-11-03T08:15:00.000Z","status":"shipped","platform_status":null,"currency":"SEK","contact_id":"con_01M917KR839HQMNZT2PNEVAJTB","customer":"contact","lines":[{"product_id":"prd_01M917KR839HQMNZT2PNEVAJTE","external_id":null,"sku":"HOOD-M","name":"Hoodie","description":null,"quantity":1,"unit_price":"299.00","line_total":"299.00"}],"shipping":{"carrier":"Budbee","method":null,"cost":"39.00","tracking_number":null,"tracking_url":null,"address":null},"totals":{"subtotal":"299.00","shipping":"39.00","tax":null,"discount":null,"total":"338.00"},"fields":{},"locked":false,"received_at":"2026-12-04T19:13:33.466Z","updated_at":"2026-12-04T19:13:33.497Z"},"contact":{"id":"con_01M917KR839HQMNZT2PNEVAJTB","email":"Anna@Example.se","phone":"+46701234567","phone_raw":"070-123 45 67","first_name":"Anna","last_name":"Berg","address":{"line1":"Storgatan 1","line2":null,"postal_code":"111 22","city":"Stockholm","region":null,"country":"SE"},"tags":["VIP"],"fields":{},"consent":null,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:33.443Z","updated_at":"2026-12-04T19:13:33.481Z"}}}	con_01M917KR839HQMNZT2PNEVAJTB
acc_01M917KR0T8ZHGR6M12P41QWK0	9	evt_01M917KRJ72WP1ENFB98Z1WD4S	{"id":"evt_01M917KRJ72WP1ENFB98Z1WD4S","type":"contact.updated","sequence":9,"occurred_at":"2026-12-04T19:13:33.767Z","origin":"live","account_id":"acc_01M917KR0T8ZHGR6M12P41QWK0","data":{"contact":{"id":"con_01M917KR8JEY9QZDBKW7X9J2M4","email":"eva@example.se","phone":"+46707654321","phone_raw":"070-765 43 21","first_name":"Eva","last_name":"Lind","address":{"line1":"Sveavägen 12","line2":null,"postal_code":"113 50","city":"Stockholm","region":null,"country":"SE"},"tags":[],"fields":{},"consent":null,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:33.458Z","updated_at":"2026-12-04T19:13:33.767Z"}}}	con_01M917KR8JEY9QZDBKW7X9J2M4
acc_01M917KR0T8ZHGR6M12P41QWK0	10	evt_01M917KRJ72WP1ENFB98Z1WD4Y	{"id":"evt_01M917KRJ72WP1ENFB98Z1WD4Y","type":"order.received","sequence":10,"occurred_at":"2026-12-04T19:13:33.767Z","origin":"live","account_id":"acc_01M917KR0T8ZHGR6M12P41QWK0","data":{"order":{"id":"ord_01M917KRJ72WP1ENFB98Z1WD4T","source":"Butik","connection_id":"cnx_01M917KRHZAR30749YC9WQYZYJ","external_id":"5001","number":"5001","created_at":"2026-11-04T09:30:00.000Z","status":"received","platform_status":"processing","currency":"SEK","contact_id":"con_01M917KR8JEY9QZDBKW7X9J2M4","customer":"contact","lines":[{"product_id":"prd_01M917KR8JEY9QZDBKW7X9J2M7","external_id":"301","sku":"MUG","name":"Mugg","description":null,"quantity":2,"unit_price":"99.50","line_total":"199.00"},{"product_id":"prd_01M917KRJ72WP1ENFB98Z1WD4V","external_id":"302","sku":"CANDLE-2","name":"Ljus","description":null,"quantity":1,"unit_price":"199.00","line_total":"199.00"}],"shipping":{"carrier":"PostNord MyPack","method":"flat_rate","cost":"59.00","tracking_number":null,"tracking_url":null,"address":{"name":"Eva Lind","line1":"Sveavägen 12","line2":null,"postal_code":"113 50","city":"Stockholm","region":null,"country":"SE"}},"totals":{"subtotal":"398.00","shipping":"59.00","tax":"91.40","discount":null,"total":"457.00"},"fields":{},"locked":false,"received_at":"2026-12-04T19:13:33.767Z","updated_at":"2026-12-04T19:13:33.767Z"},"contact":{"id":"con_01M917KR8JEY9QZDBKW7X9J2M4","email":"eva@example.se","phone":"+46707654321","phone_raw":"070-765 43 21","first_name":"Eva","last_name":"Lind","address":{"line1":"Sveavägen 12","line2":null,"postal_code":"113 50","city":"Stockholm","region":null,"country":"SE"},"tags":[],"fields":{},"consent":null,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:33.458Z","updated_at":"2026-12-04T19:13:33.767Z"}}}	con_01M917KR8JEY9QZDBKW7X9J2M4
acc_01M917KR0T8ZHGR6M12P41QWK0	11	evt_01M917KRV6ANE6W9X4M6N1F0TK	{"id":"evt_01M917KRV6ANE6W9X4M6N1F0TK","type":"contact.created","sequence":11,"occurred_at":"2026-12-04T19:13:34.054Z","origin":"pos","account_id":"acc_01M917KR0T8ZHGR6M12P41QWK0","data":{"contact":{"id":"con_01M917KRV6ANE6W9X4M6N1F0TJ","email":"karin@example.se","phone":"+46731112233","phone_raw":"073-111 22 33","first_name":"Karin","last_name":"Holm","address":{"line1":"Kungsgatan 5","line2":null,"postal_code":"411 19","city":"Göteborg","region":null,"country":"SE"},"tags":[],"fields":{"Sitoo-Contact":{"accepts_communication":["email","sms"]}},"consent":true,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:34.054Z","updated_at":"2026-12-04T19:13:34.054Z"}}}	con_01M917KRV6ANE6W9X4M6N1F0TJ
acc_01M917KR0T8ZHGR6M12P41QWK0	12	evt_01M917KRVBAHRHKDAEBV8M64KM	{"id":"evt_01M917KRVBAHRHKDAEBV8M64KM","type":"order.received","sequence":12,"occurred_at":"2026-12-04T19:13:34.059Z","origin":"pos","account_id":"acc_01M917KR0T8ZHGR6M12P41QWK0","data":{"order":{"id":"ord_01M917KRVBAHRHKDAEBV8M64KH","source":"pos","connection_id":"cnx_01M917KRVBAHRHKDAEBV8M64KG","external_id":"R3-889","number":"R3-889","created_at":"2026-11-05T14:00:00.000Z","status":"received","platform_status":null,"currency":"SEK","contact_id":"con_01M917KR839HQMNZT2PNEVAJTB","customer":"contact","lines":[{"product_id":"prd_01M917KRVBAHRHKDAEBV8M64KJ","external_id":null,"sku":"MUG-1","name":"Mugg","description":null,"quantity":2,"unit_price":"99.00","line_total":"198.00"}],"shipping":null,"totals":{"subtotal":null,"shipping":null,"tax":null,"discount":null,"total":"198.00"},"fields":{"Sitoo-Order":{"payment":"card 198.00","purchase_id":"R3-889","register_id":"3","staff_id":"kassa-1","store_id":"200","total":198.00}},"locked":false,"received_at":"2026-12-04T19:13:34.059Z","updated_at":"2026-12-04T19:13:34.059Z"},"contact":{"id":"con_01M917KR839HQMNZT2PNEVAJTB","email":"Anna@Example.se","phone":"+46701234567","phone_raw":"070-123 45 67","first_name":"Anna","last_name":"Berg","address":{"line1":"Storgatan 1","line2":null,"postal_code":"111 22","city":"Stockholm","region":null,"country":"SE"},"tags":["VIP"],"fields":{"Sitoo-Contact":{"bonuschecks":[{"code":"BC-1001","amount":"100.00","remaining":"100.00","currency":"SEK","valid_from":"2026-01-01T00:00:00.000Z","valid_to":"2030-12-31T23:59:59.999Z","used_at":null,"redeemed":false}]}},"consent":null,"blacklisted":false,"unsubscribed_at":null,"created_at":"2026-12-04T19:13:33.443Z","updated_at":"2026-12-04T19:13:34.042Z"}}}	con_01M917KR839HQMNZT2PNEVAJTB
\.


--
-- Data for Name: field_definitions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.field_definitions (account_id, grp, name, type) FROM stdin;
acc_01M917KR0T8ZHGR6M12P41QWK0	Order	channel	text
acc_01M917KR0T8ZHGR6M12P41QWK0	Order	gift	json
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Contact	bonuschecks	json
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Contact	accepts_communication	multiple
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Address	address	text
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Address	city	text
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Address	zip	text
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Address	country_id	text
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Contact	member_number	text
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Contact	gender	text
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Contact	store_id_home	text
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Order	purchase_id	text
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Order	store_id	text
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Order	register_id	text
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Order	staff_id	text
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Order	payment	text
acc_01M917KR0T8ZHGR6M12P41QWK0	Sitoo-Order	total	number
\.


--
-- Data for Name: inbox; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.inbox (id, account_id, connection_id, delivery_key, status, received_ms, doc, lease_token, lease_until_ms) FROM stdin;
inb_01M917KRJ3AA71J3Q0TRZFBT8F	acc_01M917KR0T8ZHGR6M12P41QWK0	cnx_01M917KRHZAR30749YC9WQYZYJ	9001	applied	1796411613763	{"id":"inb_01M917KRJ3AA71J3Q0TRZFBT8F","connection_id":"cnx_01M917KRHZAR30749YC9WQYZYJ","delivery_id":"9001","topic":"order.created","received_at":"2026-12-04T19:13:33.763Z","status":"applied","headers":{"content-type":"application/json","x-wc-webhook-delivery-id":"9001","x-wc-webhook-event":"created","x-wc-webhook-resource":"order","x-wc-webhook-source":"https://shop.example/","x-wc-webhook-topic":"order.created"},"body":"{\\"id\\":5001,\\"number\\":\\"5001\\",\\"status\\":\\"processing\\",\\"currency\\":\\"SEK\\",\\"date_created\\":\\"2026-11-04T10:30:00\\",\\"date_created_gmt\\":\\"2026-11-04T09:30:00\\",\\"total\\":\\"457.00\\",\\"shipping_total\\":\\"59.00\\",\\"total_tax\\":\\"91.40\\",\\"prices_include_tax\\":true,\\"payment_method\\":\\"klarna\\",\\"payment_method_title\\":\\"Klarna\\",\\"billing\\":{\\"first_name\\":\\"Eva\\",\\"last_name\\":\\"Lind\\",\\"email\\":\\"eva@example.se\\",\\"phone\\":\\"070-765 43 21\\",\\"address_1\\":\\"Sveavägen 12\\",\\"city\\":\\"Stockholm\\",\\"postcode\\":\\"113 50\\",\\"country\\":\\"SE\\"},\\"shipping\\":{\\"first_name\\":\\"Eva\\",\\"last_name\\":\\"Lind\\",\\"address_1\\":\\"Sveavägen 12\\",\\"city\\":\\"Stockholm\\",\\"postcode\\":\\"113 50\\",\\"country\\":\\"SE\\"},\\"line_items\\":[{\\"id\\":11,\\"product_id\\":301,\\"sku\\":\\"MUG\\",\\"name\\":\\"Mugg\\",\\"quantity\\":2,\\"price\\":99.5,\\"subtotal\\":\\"199.00\\",\\"total\\":\\"199.00\\"},{\\"id\\":12,\\"product_id\\":302,\\"sku\\":\\"CANDLE-2\\",\\"name\\":\\"Ljus\\",\\"quantity\\":1,\\"price\\":199,\\"subtotal\\":\\"199.00\\",\\"total\\":\\"199.00\\"}],\\"shipping_lines\\":[{\\"id\\":21,\\"method_title\\":\\"PostNord MyPack\\",\\"method_id\\":\\"flat_rate\\",\\"total\\":\\"59.00\\"}]}","fetched":null,"outcome":"order ord_01M917KRJ72WP1ENFB98Z1WD4T created","processed_at":"2026-12-04T19:13:33.767Z"}	8CE05EB4-D326-42C1-AE40-6465302D2A3B	1796411673765
\.


--
-- Data for Name: list_members; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.list_members (list_id, account_id, contact_id) FROM stdin;
lst_01M917KRTKBQ8NF243W6TNZ85Y	acc_01M917KR0T8ZHGR6M12P41QWK0	con_01M917KR839HQMNZT2PNEVAJTB
\.


--
-- Data for Name: lists; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.lists (id, account_id, doc) FROM stdin;
lst_01M917KRTKBQ8NF243W6TNZ85Y	acc_01M917KR0T8ZHGR6M12P41QWK0	{"id":"lst_01M917KRTKBQ8NF243W6TNZ85Y","name":"Stamkunder","created_at":"2026-12-04T19:13:34.035Z","updated_at":"2026-12-04T19:13:34.035Z"}
\.


--
-- Data for Name: lookups; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.lookups (id, account_id, contact_id, key_hash, doc) FROM stdin;
lku_01M917KRTZESJH4MGA7S1BZ6SN	acc_01M917KR0T8ZHGR6M12P41QWK0	con_01M917KR839HQMNZT2PNEVAJTB	Xrf6kKNPQ4hPFKb4LWpv3rksWxTceD86m_6ReOO974w	{"id":"lku_01M917KRTZESJH4MGA7S1BZ6SN","at":"2026-12-04T19:13:34.047Z","key_type":"phone","key_hash":"Xrf6kKNPQ4hPFKb4LWpv3rksWxTceD86m_6ReOO974w","hit":true,"contact_id":"con_01M917KR839HQMNZT2PNEVAJTB","store_id":"200","staff_id":"kassa-1","register_id":"3"}
lku_01M917KRV37B1AX2QAJ9PV7KVM	acc_01M917KR0T8ZHGR6M12P41QWK0	\N	l7yInD-PQ0Lu66cZDxzfkdTuzVWBrzO5D7waGOFqL84	{"id":"lku_01M917KRV37B1AX2QAJ9PV7KVM","at":"2026-12-04T19:13:34.051Z","key_type":"phone","key_hash":"l7yInD-PQ0Lu66cZDxzfkdTuzVWBrzO5D7waGOFqL84","hit":false,"contact_id":null,"store_id":"200","staff_id":"kassa-1","register_id":"3"}
lku_01M917KXX51T80EMKZCC2WRJDB	acc_01M917KR0T8ZHGR6M12P41QWK0	con_01M917KR839HQMNZT2PNEVAJTB	KdZcbzRuBePHHLbTIbJ7tpxeMLhfIUIOaPF7iCZRU8o	{"id":"lku_01M917KXX51T80EMKZCC2WRJDB","at":"2026-12-04T19:13:39.237Z","key_type":"email","key_hash":"KdZcbzRuBePHHLbTIbJ7tpxeMLhfIUIOaPF7iCZRU8o","hit":true,"contact_id":"con_01M917KR839HQMNZT2PNEVAJTB","store_id":null,"staff_id":null,"register_id":null}
\.


--
-- Data for Name: member_numbers; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.member_numbers (account_id, last_issued) FROM stdin;
\.


--
-- Data for Name: merge_candidates; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.merge_candidates (id, account_id, contact_a, contact_b, status, doc) FROM stdin;
\.


--
-- Data for Name: orders; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.orders (id, account_id, connection_id, external_id, contact_id, doc, placed_ms, counted_minor) FROM stdin;
ord_01M917KR839HQMNZT2PNEVAJTD	acc_01M917KR0T8ZHGR6M12P41QWK0	cnx_01M917KR839HQMNZT2PNEVAJTA	1001	con_01M917KR839HQMNZT2PNEVAJTB	{"id":"ord_01M917KR839HQMNZT2PNEVAJTD","source":"webshop","connection_id":"cnx_01M917KR839HQMNZT2PNEVAJTA","external_id":"1001","number":"#1001","created_at":"2026-11-01T10:00:00.000Z","status":"shipped","platform_status":null,"currency":"SEK","contact_id":"con_01M917KR839HQMNZT2PNEVAJTB","customer":"contact","lines":[{"product_id":"prd_01M917KR839HQMNZT2PNEVAJTE","external_id":"p-1","sku":"HOOD-M","name":"Hoodie","description":"Grey, M","quantity":2,"unit_price":"299.00","line_total":"598.00"},{"product_id":"prd_01M917KR839HQMNZT2PNEVAJTH","external_id":"p-2","sku":"CAP-1","name":"Keps","description":"Navy","quantity":1,"unit_price":"149.00","line_total":"149.00"}],"shipping":{"carrier":"PostNord","method":"MyPack","cost":"49.00","tracking_number":"RR123","tracking_url":"https://track.example/RR123","address":{"name":"Anna Berg","line1":"Storgatan 1","line2":null,"postal_code":"111 22","city":"Stockholm","region":null,"country":"SE"}},"totals":{"subtotal":"747.00","shipping":"49.00","tax":"159.20","discount":null,"total":"796.00"},"fields":{"Order":{"channel":"web","gift":false}},"locked":false,"received_at":"2026-12-04T19:13:33.443Z","updated_at":"2026-12-04T19:13:33.474Z"}	1793527200000	79600
ord_01M917KR8JEY9QZDBKW7X9J2M6	acc_01M917KR0T8ZHGR6M12P41QWK0	cnx_01M917KR839HQMNZT2PNEVAJTA	1002	con_01M917KR8JEY9QZDBKW7X9J2M4	{"id":"ord_01M917KR8JEY9QZDBKW7X9J2M6","source":"webshop","connection_id":"cnx_01M917KR839HQMNZT2PNEVAJTA","external_id":"1002","number":"#1002","created_at":"2026-11-02T12:30:00.000Z","status":"received","platform_status":null,"currency":"SEK","contact_id":"con_01M917KR8JEY9QZDBKW7X9J2M4","customer":"contact","lines":[{"product_id":"prd_01M917KR8JEY9QZDBKW7X9J2M7","external_id":null,"sku":"MUG","name":"Mugg","description":null,"quantity":1,"unit_price":"89.00","line_total":"89.00"}],"shipping":{"carrier":"DHL","method":null,"cost":"0.00","tracking_number":null,"tracking_url":null,"address":null},"totals":{"subtotal":"89.00","shipping":"0.00","tax":null,"discount":null,"total":"89.00"},"fields":{},"locked":true,"received_at":"2026-12-04T19:13:33.458Z","updated_at":"2026-12-04T19:13:33.479Z"}	1793622600000	8900
ord_01M917KR8TBG2FBDW2VKBZ02DB	acc_01M917KR0T8ZHGR6M12P41QWK0	cnx_01M917KR839HQMNZT2PNEVAJTA	1003	con_01M917KR839HQMNZT2PNEVAJTB	{"id":"ord_01M917KR8TBG2FBDW2VKBZ02DB","source":"webshop","connection_id":"cnx_01M917KR839HQMNZT2PNEVAJTA","external_id":"1003","number":"#1003","created_at":"2026-11-03T08:15:00.000Z","status":"shipped","platform_status":null,"currency":"SEK","contact_id":"con_01M917KR839HQMNZT2PNEVAJTB","customer":"contact","lines":[{"product_id":"prd_01M917KR839HQMNZT2PNEVAJTE","external_id":null,"sku":"HOOD-M","name":"Hoodie","description":null,"quantity":1,"unit_price":"299.00","line_total":"299.00"}],"shipping":{"carrier":"Budbee","method":null,"cost":"39.00","tracking_number":null,"tracking_url":null,"address":null},"totals":{"subtotal":"299.00","shipping":"39.00","tax":null,"discount":null,"total":"338.00"},"fields":{},"locked":false,"received_at":"2026-12-04T19:13:33.466Z","updated_at":"2026-12-04T19:13:33.497Z"}	1793693700000	33800
ord_01M917KRJ72WP1ENFB98Z1WD4T	acc_01M917KR0T8ZHGR6M12P41QWK0	cnx_01M917KRHZAR30749YC9WQYZYJ	5001	con_01M917KR8JEY9QZDBKW7X9J2M4	{"id":"ord_01M917KRJ72WP1ENFB98Z1WD4T","source":"Butik","connection_id":"cnx_01M917KRHZAR30749YC9WQYZYJ","external_id":"5001","number":"5001","created_at":"2026-11-04T09:30:00.000Z","status":"received","platform_status":"processing","currency":"SEK","contact_id":"con_01M917KR8JEY9QZDBKW7X9J2M4","customer":"contact","lines":[{"product_id":"prd_01M917KR8JEY9QZDBKW7X9J2M7","external_id":"301","sku":"MUG","name":"Mugg","description":null,"quantity":2,"unit_price":"99.50","line_total":"199.00"},{"product_id":"prd_01M917KRJ72WP1ENFB98Z1WD4V","external_id":"302","sku":"CANDLE-2","name":"Ljus","description":null,"quantity":1,"unit_price":"199.00","line_total":"199.00"}],"shipping":{"carrier":"PostNord MyPack","method":"flat_rate","cost":"59.00","tracking_number":null,"tracking_url":null,"address":{"name":"Eva Lind","line1":"Sveavägen 12","line2":null,"postal_code":"113 50","city":"Stockholm","region":null,"country":"SE"}},"totals":{"subtotal":"398.00","shipping":"59.00","tax":"91.40","discount":null,"total":"457.00"},"fields":{},"locked":false,"received_at":"2026-12-04T19:13:33.767Z","updated_at":"2026-12-04T19:13:33.767Z"}	1793784600000	45700
ord_01M917KRVBAHRHKDAEBV8M64KH	acc_01M917KR0T8ZHGR6M12P41QWK0	cnx_01M917KRVBAHRHKDAEBV8M64KG	R3-889	con_01M917KR839HQMNZT2PNEVAJTB	{"id":"ord_01M917KRVBAHRHKDAEBV8M64KH","source":"pos","connection_id":"cnx_01M917KRVBAHRHKDAEBV8M64KG","external_id":"R3-889","number":"R3-889","created_at":"2026-11-05T14:00:00.000Z","status":"received","platform_status":null,"currency":"SEK","contact_id":"con_01M917KR839HQMNZT2PNEVAJTB","customer":"contact","lines":[{"product_id":"prd_01M917KRVBAHRHKDAEBV8M64KJ","external_id":null,"sku":"MUG-1","name":"Mugg","description":null,"quantity":2,"unit_price":"99.00","line_total":"198.00"}],"shipping":null,"totals":{"subtotal":null,"shipping":null,"tax":null,"discount":null,"total":"198.00"},"fields":{"Sitoo-Order":{"payment":"card 198.00","purchase_id":"R3-889","register_id":"3","staff_id":"kassa-1","store_id":"200","total":198.00}},"locked":false,"received_at":"2026-12-04T19:13:34.059Z","updated_at":"2026-12-04T19:13:34.059Z"}	1793887200000	19800
\.


--
-- Data for Name: products; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.products (id, account_id, sku, name, code, doc) FROM stdin;
prd_01M917KR839HQMNZT2PNEVAJTE	acc_01M917KR0T8ZHGR6M12P41QWK0	HOOD-M	Hoodie	p-1	{"id":"prd_01M917KR839HQMNZT2PNEVAJTE","name":"Hoodie","description":"Grey, M","sku":"HOOD-M","code":"p-1","category_id":"cat_01M917KR839HQMNZT2PNEVAJTG","unit":"piece","price":"299.00","created_at":"2026-12-04T19:13:33.443Z","updated_at":"2026-12-04T19:13:33.443Z"}
prd_01M917KR839HQMNZT2PNEVAJTH	acc_01M917KR0T8ZHGR6M12P41QWK0	CAP-1	Keps	p-2	{"id":"prd_01M917KR839HQMNZT2PNEVAJTH","name":"Keps","description":"Navy","sku":"CAP-1","code":"p-2","category_id":"cat_01M917KR839HQMNZT2PNEVAJTJ","unit":"piece","price":"149.00","created_at":"2026-12-04T19:13:33.443Z","updated_at":"2026-12-04T19:13:33.443Z"}
prd_01M917KR8JEY9QZDBKW7X9J2M7	acc_01M917KR0T8ZHGR6M12P41QWK0	MUG	Mugg	\N	{"id":"prd_01M917KR8JEY9QZDBKW7X9J2M7","name":"Mugg","description":null,"sku":"MUG","code":null,"category_id":null,"unit":"piece","price":"89.00","created_at":"2026-12-04T19:13:33.458Z","updated_at":"2026-12-04T19:13:33.458Z"}
prd_01M917KR9H0D5ZJYY14VGR8SV8	acc_01M917KR0T8ZHGR6M12P41QWK0	BAG-1	Tygkasse	p-bag	{"id":"prd_01M917KR9H0D5ZJYY14VGR8SV8","name":"Tygkasse","description":"Ekologisk bomull","sku":"BAG-1","code":"p-bag","category_id":"cat_01M917KR9H0D5ZJYY14VGR8SVA","unit":"piece","price":"59.00","created_at":"2026-12-04T19:13:33.489Z","updated_at":"2026-12-04T19:13:33.489Z"}
prd_01M917KRJ72WP1ENFB98Z1WD4V	acc_01M917KR0T8ZHGR6M12P41QWK0	CANDLE-2	Ljus	302	{"id":"prd_01M917KRJ72WP1ENFB98Z1WD4V","name":"Ljus","description":null,"sku":"CANDLE-2","code":"302","category_id":null,"unit":"piece","price":"199.00","created_at":"2026-12-04T19:13:33.767Z","updated_at":"2026-12-04T19:13:33.767Z"}
prd_01M917KRVBAHRHKDAEBV8M64KJ	acc_01M917KR0T8ZHGR6M12P41QWK0	MUG-1	Mugg	\N	{"id":"prd_01M917KRVBAHRHKDAEBV8M64KJ","name":"Mugg","description":null,"sku":"MUG-1","code":null,"category_id":null,"unit":"piece","price":"99.00","created_at":"2026-12-04T19:13:34.059Z","updated_at":"2026-12-04T19:13:34.059Z"}
\.


--
-- Data for Name: rejections; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.rejections (id, account_id, doc) FROM stdin;
rej_01M917KR9C832RYC22Q2E0B423	acc_01M917KR0T8ZHGR6M12P41QWK0	{"id":"rej_01M917KR9C832RYC22Q2E0B423","at":"2026-12-04T19:13:33.484Z","reason":"currency-mismatch","detail":"order currency EUR differs from the account currency SEK","source":"webshop","external_id":"1004","payload":{"source":"webshop","external_id":"1004","currency":"EUR","customer":{"email":"eva@example.se"},"lines":[{"sku":"HOOD-M","quantity":1,"unit_price":"29.00"}]}}
\.


--
-- Data for Name: scheduled_jobs; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.scheduled_jobs (account_id, job, due_ms, doc) FROM stdin;
acc_01M917KR0T8ZHGR6M12P41QWK0	engagement	1796576400000	{}
\.


--
-- Data for Name: schema_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.schema_migrations (version, applied_at) FROM stdin;
1	2026-12-04T19:13:33.154Z
2	2026-12-04T19:13:33.163Z
3	2026-12-04T19:13:33.168Z
4	2026-12-04T19:13:33.170Z
5	2026-12-04T19:13:33.177Z
6	2026-12-04T19:13:33.181Z
7	2026-12-04T19:13:33.183Z
8	2026-12-04T19:13:33.189Z
9	2026-12-04T19:13:33.193Z
10	2026-12-04T19:13:33.199Z
11	2026-12-04T19:13:33.200Z
12	2026-12-04T19:13:33.203Z
13	2026-12-04T19:13:33.205Z
1001	2026-12-04T19:13:33.205Z
1002	2026-12-04T19:13:33.206Z
1003	2026-12-04T19:13:33.206Z
1004	2026-12-04T19:13:33.207Z
1005	2026-12-04T19:13:33.207Z
\.


--
-- Data for Name: suppressions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.suppressions (account_id, hash, reason, created_ms) FROM stdin;
\.


--
-- Data for Name: templates; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.templates (id, account_id, doc) FROM stdin;
tpl_01M917KR0T8ZHGR6M12P41QWK1	acc_01M917KR0T8ZHGR6M12P41QWK0	{"id":"tpl_01M917KR0T8ZHGR6M12P41QWK1","name":"Orderbekräftelse","kind":"email","purpose":"transactional","key":"order_confirmation.sv","body":{"subject":"Tack för din beställning – order {{order.number}}","html":"<!DOCTYPE html>\\n<html lang=\\"sv\\">\\n<head><meta charset=\\"utf-8\\"><meta name=\\"viewport\\" content=\\"width=device-width, initial-scale=1\\"><title>Tack för din beställning</title></head>\\n<body style=\\"margin:0;padding:0;background:#f4f4f2;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"background:#f4f4f2;\\"><tr><td align=\\"center\\" style=\\"padding:24px 12px;\\">\\n<table role=\\"presentation\\" width=\\"600\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222222;\\">\\n<tr><td style=\\"padding:32px 32px 8px;\\"><h1 style=\\"margin:0 0 16px;font-size:22px;font-weight:bold;color:#111111;\\">Tack för din beställning</h1>\\n<p style=\\"margin:0 0 12px;\\">Hej{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}!</p>\\n<p style=\\"margin:0 0 12px;\\">Vi har tagit emot din order {{order.number}} och börjar förbereda den. Här är en sammanställning.</p>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<p style=\\"margin:0;\\"><strong>Ordernummer:</strong> {{order.number}}<br><strong>Orderdatum:</strong> {{order.created_at}}</p>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"border-collapse:collapse;\\">\\n<tr><th align=\\"left\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Artikel</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Antal</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Belopp</th></tr>\\n{{#order.lines}}<tr><td style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{name}}{{#sku}} <span style=\\"color:#666666;font-size:13px;\\">({{sku}})</span>{{/sku}}</td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{quantity}}</td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;white-space:nowrap;\\">{{line_total}}</td></tr>\\n{{/order.lines}}</table>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"border-collapse:collapse;\\">\\n{{#order.totals.subtotal}}<tr><td style=\\"padding:4px 0;\\">Delsumma</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;\\">{{order.totals.subtotal}}</td></tr>{{/order.totals.subtotal}}\\n{{#order.totals.shipping}}<tr><td style=\\"padding:4px 0;\\">Frakt</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;\\">{{order.totals.shipping}}</td></tr>{{/order.totals.shipping}}\\n{{#order.totals.total}}<tr><td style=\\"padding:4px 0;font-weight:bold;\\">Totalt</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;font-weight:bold;\\">{{order.totals.total}}</td></tr>{{/order.totals.total}}\\n{{#order.totals.tax}}<tr><td style=\\"padding:4px 0;\\">Varav moms</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;\\">{{order.totals.tax}}</td></tr>{{/order.totals.tax}}\\n</table>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n{{#shipping.address}}<p style=\\"margin:8px 0 0;\\"><strong>Leveransadress</strong><br>{{#name}}{{name}}<br>{{/name}}{{line1}}<br>{{#line2}}{{line2}}<br>{{/line2}}{{postal_code}} {{city}}</p>{{/shipping.address}}\\n{{#shipping.carrier}}<p style=\\"margin:8px 0 0;\\"><strong>Leveranssätt:</strong> {{shipping.carrier}}{{#shipping.method}}, {{shipping.method}}{{/shipping.method}}</p>{{/shipping.carrier}}\\n</td></tr>\\n<tr><td style=\\"padding:16px 32px 32px;\\"><p style=\\"margin:0;\\">Du får ett nytt mejl när ordern har skickats. Har du frågor är du välkommen att svara på det här mejlet.</p>\\n<p style=\\"margin:12px 0 0;\\">Vänliga hälsningar{{#account.name}}<br>{{account.name}}{{/account.name}}</p></td></tr>\\n</table>\\n</td></tr></table>\\n</body>\\n</html>\\n","text":"Tack för din beställning\\n\\nHej{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}!\\n\\nVi har tagit emot din order {{order.number}} och börjar förbereda den. Här är en sammanställning.\\n\\nOrdernummer: {{order.number}}\\nOrderdatum: {{order.created_at}}\\n\\n{{#order.lines}}{{quantity}} × {{name}}{{#sku}} ({{sku}}){{/sku}}: {{line_total}}\\n{{/order.lines}}\\n\\n{{#order.totals.subtotal}}Delsumma: {{order.totals.subtotal}}\\n{{/order.totals.subtotal}}{{#order.totals.shipping}}Frakt: {{order.totals.shipping}}\\n{{/order.totals.shipping}}Totalt: {{order.totals.total}}\\n{{#order.totals.tax}}Varav moms: {{order.totals.tax}}\\n{{/order.totals.tax}}\\n\\n{{#shipping.address}}Leveransadress:\\n{{#name}}{{name}}\\n{{/name}}{{line1}}\\n{{#line2}}{{line2}}\\n{{/line2}}{{postal_code}} {{city}}\\n{{/shipping.address}}{{#shipping.carrier}}Leveranssätt: {{shipping.carrier}}{{#shipping.method}}, {{shipping.method}}{{/shipping.method}}\\n{{/shipping.carrier}}\\n\\nDu får ett nytt mejl när ordern har skickats. Har du frågor är du välkommen att svara på det här mejlet.\\n\\nVänliga hälsningar{{#account.name}}\\n{{account.name}}{{/account.name}}\\n"},"created_at":"2026-12-04T19:13:33.210Z","updated_at":"2026-12-04T19:13:33.210Z"}
tpl_01M917KR0T8ZHGR6M12P41QWK2	acc_01M917KR0T8ZHGR6M12P41QWK0	{"id":"tpl_01M917KR0T8ZHGR6M12P41QWK2","name":"Skickbekräftelse","kind":"email","purpose":"transactional","key":"shipping_confirmation.sv","body":{"subject":"Din order {{order.number}} är på väg","html":"<!DOCTYPE html>\\n<html lang=\\"sv\\">\\n<head><meta charset=\\"utf-8\\"><meta name=\\"viewport\\" content=\\"width=device-width, initial-scale=1\\"><title>Din order är på väg</title></head>\\n<body style=\\"margin:0;padding:0;background:#f4f4f2;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"background:#f4f4f2;\\"><tr><td align=\\"center\\" style=\\"padding:24px 12px;\\">\\n<table role=\\"presentation\\" width=\\"600\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222222;\\">\\n<tr><td style=\\"padding:32px 32px 8px;\\"><h1 style=\\"margin:0 0 16px;font-size:22px;font-weight:bold;color:#111111;\\">Din order är på väg</h1>\\n<p style=\\"margin:0 0 12px;\\">Hej{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}!</p>\\n<p style=\\"margin:0 0 12px;\\">Goda nyheter – din order {{order.number}} har skickats med {{shipping.carrier}}.</p>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<p style=\\"margin:0;\\"><strong>Ordernummer:</strong> {{order.number}}<br><strong>Transportör:</strong> {{shipping.carrier}}{{#shipping.tracking_number}}<br><strong>Kollinummer:</strong> {{shipping.tracking_number}}{{/shipping.tracking_number}}</p>\\n{{#shipping.tracking_url}}<p style=\\"margin:16px 0 8px;\\"><a href=\\"{{shipping.tracking_url}}\\" style=\\"display:inline-block;padding:10px 18px;background:#222222;color:#ffffff;text-decoration:none;border-radius:4px;\\">Spåra paketet</a></p>{{/shipping.tracking_url}}\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"border-collapse:collapse;\\">\\n<tr><th align=\\"left\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Artikel</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Antal</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Belopp</th></tr>\\n{{#order.lines}}<tr><td style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{name}}{{#sku}} <span style=\\"color:#666666;font-size:13px;\\">({{sku}})</span>{{/sku}}</td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{quantity}}</td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;white-space:nowrap;\\">{{line_total}}</td></tr>\\n{{/order.lines}}</table>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n{{#shipping.address}}<p style=\\"margin:8px 0 0;\\"><strong>Leveransadress</strong><br>{{#name}}{{name}}<br>{{/name}}{{line1}}<br>{{#line2}}{{line2}}<br>{{/line2}}{{postal_code}} {{city}}</p>{{/shipping.address}}\\n{{#shipping.carrier}}<p style=\\"margin:8px 0 0;\\"><strong>Leveranssätt:</strong> {{shipping.carrier}}{{#shipping.method}}, {{shipping.method}}{{/shipping.method}}</p>{{/shipping.carrier}}\\n</td></tr>\\n<tr><td style=\\"padding:16px 32px 32px;\\"><p style=\\"margin:0;\\">Det kan dröja några timmar innan försändelsen syns i spårningen.</p>\\n<p style=\\"margin:12px 0 0;\\">Vänliga hälsningar{{#account.name}}<br>{{account.name}}{{/account.name}}</p></td></tr>\\n</table>\\n</td></tr></table>\\n</body>\\n</html>\\n","text":"Din order är på väg\\n\\nHej{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}!\\n\\nGoda nyheter – din order {{order.number}} har skickats med {{shipping.carrier}}.\\n\\nOrdernummer: {{order.number}}\\nTransportör: {{shipping.carrier}}\\n{{#shipping.tracking_number}}Kollinummer: {{shipping.tracking_number}}\\n{{/shipping.tracking_number}}{{#shipping.tracking_url}}Spåra paketet: {{shipping.tracking_url}}\\n{{/shipping.tracking_url}}\\n\\n{{#order.lines}}{{quantity}} × {{name}}{{#sku}} ({{sku}}){{/sku}}: {{line_total}}\\n{{/order.lines}}\\n\\n{{#shipping.address}}Leveransadress:\\n{{#name}}{{name}}\\n{{/name}}{{line1}}\\n{{#line2}}{{line2}}\\n{{/line2}}{{postal_code}} {{city}}\\n{{/shipping.address}}{{#shipping.carrier}}Leveranssätt: {{shipping.carrier}}{{#shipping.method}}, {{shipping.method}}{{/shipping.method}}\\n{{/shipping.carrier}}\\n\\nDet kan dröja några timmar innan försändelsen syns i spårningen.\\n\\nVänliga hälsningar{{#account.name}}\\n{{account.name}}{{/account.name}}\\n"},"created_at":"2026-12-04T19:13:33.210Z","updated_at":"2026-12-04T19:13:33.210Z"}
tpl_01M917KR0T8ZHGR6M12P41QWK3	acc_01M917KR0T8ZHGR6M12P41QWK0	{"id":"tpl_01M917KR0T8ZHGR6M12P41QWK3","name":"Leveransbekräftelse","kind":"email","purpose":"transactional","key":"delivery_confirmation.sv","body":{"subject":"Din order {{order.number}} har levererats","html":"<!DOCTYPE html>\\n<html lang=\\"sv\\">\\n<head><meta charset=\\"utf-8\\"><meta name=\\"viewport\\" content=\\"width=device-width, initial-scale=1\\"><title>Din order har levererats</title></head>\\n<body style=\\"margin:0;padding:0;background:#f4f4f2;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"background:#f4f4f2;\\"><tr><td align=\\"center\\" style=\\"padding:24px 12px;\\">\\n<table role=\\"presentation\\" width=\\"600\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222222;\\">\\n<tr><td style=\\"padding:32px 32px 8px;\\"><h1 style=\\"margin:0 0 16px;font-size:22px;font-weight:bold;color:#111111;\\">Din order har levererats</h1>\\n<p style=\\"margin:0 0 12px;\\">Hej{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}!</p>\\n<p style=\\"margin:0 0 12px;\\">Enligt {{shipping.carrier}} har din order {{order.number}} nu levererats.</p>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<p style=\\"margin:0;\\"><strong>Ordernummer:</strong> {{order.number}}<br><strong>Transportör:</strong> {{shipping.carrier}}{{#shipping.tracking_number}}<br><strong>Kollinummer:</strong> {{shipping.tracking_number}}{{/shipping.tracking_number}}</p>\\n{{#shipping.tracking_url}}<p style=\\"margin:16px 0 8px;\\"><a href=\\"{{shipping.tracking_url}}\\" style=\\"display:inline-block;padding:10px 18px;background:#222222;color:#ffffff;text-decoration:none;border-radius:4px;\\">Spåra paketet</a></p>{{/shipping.tracking_url}}\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"border-collapse:collapse;\\">\\n<tr><th align=\\"left\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Artikel</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Antal</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Belopp</th></tr>\\n{{#order.lines}}<tr><td style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{name}}{{#sku}} <span style=\\"color:#666666;font-size:13px;\\">({{sku}})</span>{{/sku}}</td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{quantity}}</td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;white-space:nowrap;\\">{{line_total}}</td></tr>\\n{{/order.lines}}</table>\\n</td></tr>\\n<tr><td style=\\"padding:16px 32px 32px;\\"><p style=\\"margin:0;\\">Har du inte fått paketet, eller är något fel med det? Svara på det här mejlet så hjälper vi dig.</p>\\n<p style=\\"margin:12px 0 0;\\">Vänliga hälsningar{{#account.name}}<br>{{account.name}}{{/account.name}}</p></td></tr>\\n</table>\\n</td></tr></table>\\n</body>\\n</html>\\n","text":"Din order har levererats\\n\\nHej{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}!\\n\\nEnligt {{shipping.carrier}} har din order {{order.number}} nu levererats.\\n\\nOrdernummer: {{order.number}}\\nTransportör: {{shipping.carrier}}\\n{{#shipping.tracking_number}}Kollinummer: {{shipping.tracking_number}}\\n{{/shipping.tracking_number}}{{#shipping.tracking_url}}Spåra paketet: {{shipping.tracking_url}}\\n{{/shipping.tracking_url}}\\n\\n{{#order.lines}}{{quantity}} × {{name}}{{#sku}} ({{sku}}){{/sku}}: {{line_total}}\\n{{/order.lines}}\\n\\nHar du inte fått paketet, eller är något fel med det? Svara på det här mejlet så hjälper vi dig.\\n\\nVänliga hälsningar{{#account.name}}\\n{{account.name}}{{/account.name}}\\n"},"created_at":"2026-12-04T19:13:33.210Z","updated_at":"2026-12-04T19:13:33.210Z"}
tpl_01M917KR0T8ZHGR6M12P41QWK4	acc_01M917KR0T8ZHGR6M12P41QWK0	{"id":"tpl_01M917KR0T8ZHGR6M12P41QWK4","name":"Tack för ditt köp","kind":"email","purpose":"marketing","key":"thank_you.sv","body":{"subject":"Tack för att du handlade hos oss","html":"<!DOCTYPE html>\\n<html lang=\\"sv\\">\\n<head><meta charset=\\"utf-8\\"><meta name=\\"viewport\\" content=\\"width=device-width, initial-scale=1\\"><title>Tack för ditt köp</title></head>\\n<body style=\\"margin:0;padding:0;background:#f4f4f2;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"background:#f4f4f2;\\"><tr><td align=\\"center\\" style=\\"padding:24px 12px;\\">\\n<table role=\\"presentation\\" width=\\"600\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222222;\\">\\n<tr><td style=\\"padding:32px 32px 8px;\\"><h1 style=\\"margin:0 0 16px;font-size:22px;font-weight:bold;color:#111111;\\">Tack för ditt köp</h1>\\n<p style=\\"margin:0 0 12px;\\">Hej{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}!</p>\\n<p style=\\"margin:0 0 12px;\\">Vi hoppas att du är nöjd med din order {{order.number}}.</p>\\n<p style=\\"margin:0 0 12px;\\">Berätta gärna vad du tycker – svara bara på det här mejlet. Dina synpunkter hjälper oss att bli bättre.</p>\\n</td></tr>\\n<tr><td style=\\"padding:16px 32px 32px;\\"><p style=\\"margin:0;\\">Välkommen tillbaka!</p>\\n<p style=\\"margin:12px 0 0;\\">Vänliga hälsningar{{#account.name}}<br>{{account.name}}{{/account.name}}</p></td></tr>\\n</table>\\n</td></tr></table>\\n</body>\\n</html>\\n","text":"Tack för ditt köp\\n\\nHej{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}!\\n\\nVi hoppas att du är nöjd med din order {{order.number}}.\\n\\nBerätta gärna vad du tycker – svara bara på det här mejlet. Dina synpunkter hjälper oss att bli bättre.\\n\\nVälkommen tillbaka!\\n\\nVänliga hälsningar{{#account.name}}\\n{{account.name}}{{/account.name}}\\n"},"created_at":"2026-12-04T19:13:33.210Z","updated_at":"2026-12-04T19:13:33.210Z"}
tpl_01M917KR0T8ZHGR6M12P41QWK9	acc_01M917KR0T8ZHGR6M12P41QWK0	{"id":"tpl_01M917KR0T8ZHGR6M12P41QWK9","name":"Thank you for your purchase","kind":"email","purpose":"marketing","key":"thank_you.en","body":{"subject":"Thank you for shopping with us","html":"<!DOCTYPE html>\\n<html lang=\\"en\\">\\n<head><meta charset=\\"utf-8\\"><meta name=\\"viewport\\" content=\\"width=device-width, initial-scale=1\\"><title>Thank you for your purchase</title></head>\\n<body style=\\"margin:0;padding:0;background:#f4f4f2;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"background:#f4f4f2;\\"><tr><td align=\\"center\\" style=\\"padding:24px 12px;\\">\\n<table role=\\"presentation\\" width=\\"600\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222222;\\">\\n<tr><td style=\\"padding:32px 32px 8px;\\"><h1 style=\\"margin:0 0 16px;font-size:22px;font-weight:bold;color:#111111;\\">Thank you for your purchase</h1>\\n<p style=\\"margin:0 0 12px;\\">Hi{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}},</p>\\n<p style=\\"margin:0 0 12px;\\">We hope you are happy with your order {{order.number}}.</p>\\n<p style=\\"margin:0 0 12px;\\">We would love to hear what you think – just reply to this e-mail. Your feedback helps us do better.</p>\\n</td></tr>\\n<tr><td style=\\"padding:16px 32px 32px;\\"><p style=\\"margin:0;\\">We look forward to seeing you again!</p>\\n<p style=\\"margin:12px 0 0;\\">Kind regards{{#account.name}}<br>{{account.name}}{{/account.name}}</p></td></tr>\\n</table>\\n</td></tr></table>\\n</body>\\n</html>\\n","text":"Thank you for your purchase\\n\\nHi{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}},\\n\\nWe hope you are happy with your order {{order.number}}.\\n\\nWe would love to hear what you think – just reply to this e-mail. Your feedback helps us do better.\\n\\nWe look forward to seeing you again!\\n\\nKind regards{{#account.name}}\\n{{account.name}}{{/account.name}}\\n"},"created_at":"2026-12-04T19:13:33.210Z","updated_at":"2026-12-04T19:13:33.210Z"}
tpl_01M917KR0T8ZHGR6M12P41QWK5	acc_01M917KR0T8ZHGR6M12P41QWK0	{"id":"tpl_01M917KR0T8ZHGR6M12P41QWK5","name":"Digitalt kvitto","kind":"email","purpose":"transactional","key":"receipt.sv","body":{"subject":"Ditt kvitto – köp {{order.number}}","html":"<!DOCTYPE html>\\n<html lang=\\"sv\\">\\n<head><meta charset=\\"utf-8\\"><meta name=\\"viewport\\" content=\\"width=device-width, initial-scale=1\\"><title>Ditt kvitto</title></head>\\n<body style=\\"margin:0;padding:0;background:#f4f4f2;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"background:#f4f4f2;\\"><tr><td align=\\"center\\" style=\\"padding:24px 12px;\\">\\n<table role=\\"presentation\\" width=\\"600\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222222;\\">\\n<tr><td style=\\"padding:32px 32px 8px;\\"><h1 style=\\"margin:0 0 16px;font-size:22px;font-weight:bold;color:#111111;\\">Ditt kvitto</h1>\\n<p style=\\"margin:0 0 12px;\\">Hej{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}!</p>\\n<p style=\\"margin:0 0 12px;\\">Tack för ditt köp i butiken. Här är en kopia av ditt kvitto.</p>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<p style=\\"margin:0;\\"><strong>Kvittonummer:</strong> {{order.number}}<br><strong>Datum:</strong> {{order.created_at}}{{#receipt.store}}<br><strong>Butik:</strong> {{receipt.store}}{{/receipt.store}}{{#receipt.register}}<br><strong>Kassa:</strong> {{receipt.register}}{{/receipt.register}}{{#receipt.staff}}<br><strong>Expedit:</strong> {{receipt.staff}}{{/receipt.staff}}</p>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"border-collapse:collapse;\\">\\n<tr><th align=\\"left\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Artikel</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Antal</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Belopp</th></tr>\\n{{#order.lines}}<tr><td style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{name}}{{#sku}} <span style=\\"color:#666666;font-size:13px;\\">({{sku}})</span>{{/sku}}<br><span style=\\"color:#666666;font-size:13px;\\">{{quantity}} × {{unit_price}}</span></td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{quantity}}</td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;white-space:nowrap;\\">{{line_total}}</td></tr>\\n{{/order.lines}}</table>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"border-collapse:collapse;\\">\\n{{#order.totals.subtotal}}<tr><td style=\\"padding:4px 0;\\">Delsumma</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;\\">{{order.totals.subtotal}}</td></tr>{{/order.totals.subtotal}}\\n{{#order.totals.shipping}}<tr><td style=\\"padding:4px 0;\\">Frakt</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;\\">{{order.totals.shipping}}</td></tr>{{/order.totals.shipping}}\\n{{#order.totals.total}}<tr><td style=\\"padding:4px 0;font-weight:bold;\\">Totalt</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;font-weight:bold;\\">{{order.totals.total}}</td></tr>{{/order.totals.total}}\\n{{#order.totals.tax}}<tr><td style=\\"padding:4px 0;\\">Varav moms</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;\\">{{order.totals.tax}}</td></tr>{{/order.totals.tax}}\\n</table>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n{{#receipt.payment}}<p style=\\"margin:8px 0 0;\\"><strong>Betalning:</strong> {{receipt.payment}}</p>{{/receipt.payment}}\\n</td></tr>\\n<tr><td style=\\"padding:16px 32px 32px;\\"><p style=\\"margin:0;\\">Spara gärna mejlet – det gäller som kvitto vid byte och reklamation.</p>\\n<p style=\\"margin:12px 0 0;\\">Vänliga hälsningar{{#account.name}}<br>{{account.name}}{{/account.name}}</p></td></tr>\\n</table>\\n</td></tr></table>\\n</body>\\n</html>\\n","text":"Ditt kvitto\\n\\nHej{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}}!\\n\\nTack för ditt köp i butiken. Här är en kopia av ditt kvitto.\\n\\nKvittonummer: {{order.number}}\\nDatum: {{order.created_at}}\\n{{#receipt.store}}Butik: {{receipt.store}}\\n{{/receipt.store}}{{#receipt.register}}Kassa: {{receipt.register}}\\n{{/receipt.register}}{{#receipt.staff}}Expedit: {{receipt.staff}}\\n{{/receipt.staff}}\\n\\n{{#order.lines}}{{quantity}} × {{name}}{{#sku}} ({{sku}}){{/sku}} à {{unit_price}}: {{line_total}}\\n{{/order.lines}}\\n\\n{{#order.totals.subtotal}}Delsumma: {{order.totals.subtotal}}\\n{{/order.totals.subtotal}}{{#order.totals.shipping}}Frakt: {{order.totals.shipping}}\\n{{/order.totals.shipping}}Totalt: {{order.totals.total}}\\n{{#order.totals.tax}}Varav moms: {{order.totals.tax}}\\n{{/order.totals.tax}}\\n\\n{{#receipt.payment}}Betalning: {{receipt.payment}}\\n{{/receipt.payment}}\\n\\nSpara gärna mejlet – det gäller som kvitto vid byte och reklamation.\\n\\nVänliga hälsningar{{#account.name}}\\n{{account.name}}{{/account.name}}\\n"},"created_at":"2026-12-04T19:13:33.210Z","updated_at":"2026-12-04T19:13:33.210Z"}
tpl_01M917KR0T8ZHGR6M12P41QWK6	acc_01M917KR0T8ZHGR6M12P41QWK0	{"id":"tpl_01M917KR0T8ZHGR6M12P41QWK6","name":"Order confirmation","kind":"email","purpose":"transactional","key":"order_confirmation.en","body":{"subject":"Thank you for your order – order {{order.number}}","html":"<!DOCTYPE html>\\n<html lang=\\"en\\">\\n<head><meta charset=\\"utf-8\\"><meta name=\\"viewport\\" content=\\"width=device-width, initial-scale=1\\"><title>Thank you for your order</title></head>\\n<body style=\\"margin:0;padding:0;background:#f4f4f2;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"background:#f4f4f2;\\"><tr><td align=\\"center\\" style=\\"padding:24px 12px;\\">\\n<table role=\\"presentation\\" width=\\"600\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222222;\\">\\n<tr><td style=\\"padding:32px 32px 8px;\\"><h1 style=\\"margin:0 0 16px;font-size:22px;font-weight:bold;color:#111111;\\">Thank you for your order</h1>\\n<p style=\\"margin:0 0 12px;\\">Hi{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}},</p>\\n<p style=\\"margin:0 0 12px;\\">We have received your order {{order.number}} and are getting it ready. Here is a summary.</p>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<p style=\\"margin:0;\\"><strong>Order number:</strong> {{order.number}}<br><strong>Order date:</strong> {{order.created_at}}</p>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"border-collapse:collapse;\\">\\n<tr><th align=\\"left\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Item</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Qty</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Amount</th></tr>\\n{{#order.lines}}<tr><td style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{name}}{{#sku}} <span style=\\"color:#666666;font-size:13px;\\">({{sku}})</span>{{/sku}}</td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{quantity}}</td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;white-space:nowrap;\\">{{line_total}}</td></tr>\\n{{/order.lines}}</table>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"border-collapse:collapse;\\">\\n{{#order.totals.subtotal}}<tr><td style=\\"padding:4px 0;\\">Subtotal</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;\\">{{order.totals.subtotal}}</td></tr>{{/order.totals.subtotal}}\\n{{#order.totals.shipping}}<tr><td style=\\"padding:4px 0;\\">Shipping</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;\\">{{order.totals.shipping}}</td></tr>{{/order.totals.shipping}}\\n{{#order.totals.total}}<tr><td style=\\"padding:4px 0;font-weight:bold;\\">Total</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;font-weight:bold;\\">{{order.totals.total}}</td></tr>{{/order.totals.total}}\\n{{#order.totals.tax}}<tr><td style=\\"padding:4px 0;\\">Including VAT</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;\\">{{order.totals.tax}}</td></tr>{{/order.totals.tax}}\\n</table>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n{{#shipping.address}}<p style=\\"margin:8px 0 0;\\"><strong>Delivery address</strong><br>{{#name}}{{name}}<br>{{/name}}{{line1}}<br>{{#line2}}{{line2}}<br>{{/line2}}{{postal_code}} {{city}}</p>{{/shipping.address}}\\n{{#shipping.carrier}}<p style=\\"margin:8px 0 0;\\"><strong>Delivery method:</strong> {{shipping.carrier}}{{#shipping.method}}, {{shipping.method}}{{/shipping.method}}</p>{{/shipping.carrier}}\\n</td></tr>\\n<tr><td style=\\"padding:16px 32px 32px;\\"><p style=\\"margin:0;\\">We will e-mail you again when your order has been sent. If you have any questions, just reply to this e-mail.</p>\\n<p style=\\"margin:12px 0 0;\\">Kind regards{{#account.name}}<br>{{account.name}}{{/account.name}}</p></td></tr>\\n</table>\\n</td></tr></table>\\n</body>\\n</html>\\n","text":"Thank you for your order\\n\\nHi{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}},\\n\\nWe have received your order {{order.number}} and are getting it ready. Here is a summary.\\n\\nOrder number: {{order.number}}\\nOrder date: {{order.created_at}}\\n\\n{{#order.lines}}{{quantity}} × {{name}}{{#sku}} ({{sku}}){{/sku}}: {{line_total}}\\n{{/order.lines}}\\n\\n{{#order.totals.subtotal}}Subtotal: {{order.totals.subtotal}}\\n{{/order.totals.subtotal}}{{#order.totals.shipping}}Shipping: {{order.totals.shipping}}\\n{{/order.totals.shipping}}Total: {{order.totals.total}}\\n{{#order.totals.tax}}Including VAT: {{order.totals.tax}}\\n{{/order.totals.tax}}\\n\\n{{#shipping.address}}Delivery address:\\n{{#name}}{{name}}\\n{{/name}}{{line1}}\\n{{#line2}}{{line2}}\\n{{/line2}}{{postal_code}} {{city}}\\n{{/shipping.address}}{{#shipping.carrier}}Delivery method: {{shipping.carrier}}{{#shipping.method}}, {{shipping.method}}{{/shipping.method}}\\n{{/shipping.carrier}}\\n\\nWe will e-mail you again when your order has been sent. If you have any questions, just reply to this e-mail.\\n\\nKind regards{{#account.name}}\\n{{account.name}}{{/account.name}}\\n"},"created_at":"2026-12-04T19:13:33.210Z","updated_at":"2026-12-04T19:13:33.210Z"}
tpl_01M917KR0T8ZHGR6M12P41QWK7	acc_01M917KR0T8ZHGR6M12P41QWK0	{"id":"tpl_01M917KR0T8ZHGR6M12P41QWK7","name":"Shipping confirmation","kind":"email","purpose":"transactional","key":"shipping_confirmation.en","body":{"subject":"Your order {{order.number}} is on its way","html":"<!DOCTYPE html>\\n<html lang=\\"en\\">\\n<head><meta charset=\\"utf-8\\"><meta name=\\"viewport\\" content=\\"width=device-width, initial-scale=1\\"><title>Your order is on its way</title></head>\\n<body style=\\"margin:0;padding:0;background:#f4f4f2;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"background:#f4f4f2;\\"><tr><td align=\\"center\\" style=\\"padding:24px 12px;\\">\\n<table role=\\"presentation\\" width=\\"600\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222222;\\">\\n<tr><td style=\\"padding:32px 32px 8px;\\"><h1 style=\\"margin:0 0 16px;font-size:22px;font-weight:bold;color:#111111;\\">Your order is on its way</h1>\\n<p style=\\"margin:0 0 12px;\\">Hi{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}},</p>\\n<p style=\\"margin:0 0 12px;\\">Good news – your order {{order.number}} has been sent with {{shipping.carrier}}.</p>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<p style=\\"margin:0;\\"><strong>Order number:</strong> {{order.number}}<br><strong>Carrier:</strong> {{shipping.carrier}}{{#shipping.tracking_number}}<br><strong>Tracking number:</strong> {{shipping.tracking_number}}{{/shipping.tracking_number}}</p>\\n{{#shipping.tracking_url}}<p style=\\"margin:16px 0 8px;\\"><a href=\\"{{shipping.tracking_url}}\\" style=\\"display:inline-block;padding:10px 18px;background:#222222;color:#ffffff;text-decoration:none;border-radius:4px;\\">Track your parcel</a></p>{{/shipping.tracking_url}}\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"border-collapse:collapse;\\">\\n<tr><th align=\\"left\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Item</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Qty</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Amount</th></tr>\\n{{#order.lines}}<tr><td style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{name}}{{#sku}} <span style=\\"color:#666666;font-size:13px;\\">({{sku}})</span>{{/sku}}</td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{quantity}}</td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;white-space:nowrap;\\">{{line_total}}</td></tr>\\n{{/order.lines}}</table>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n{{#shipping.address}}<p style=\\"margin:8px 0 0;\\"><strong>Delivery address</strong><br>{{#name}}{{name}}<br>{{/name}}{{line1}}<br>{{#line2}}{{line2}}<br>{{/line2}}{{postal_code}} {{city}}</p>{{/shipping.address}}\\n{{#shipping.carrier}}<p style=\\"margin:8px 0 0;\\"><strong>Delivery method:</strong> {{shipping.carrier}}{{#shipping.method}}, {{shipping.method}}{{/shipping.method}}</p>{{/shipping.carrier}}\\n</td></tr>\\n<tr><td style=\\"padding:16px 32px 32px;\\"><p style=\\"margin:0;\\">It can take a few hours before the parcel shows up in tracking.</p>\\n<p style=\\"margin:12px 0 0;\\">Kind regards{{#account.name}}<br>{{account.name}}{{/account.name}}</p></td></tr>\\n</table>\\n</td></tr></table>\\n</body>\\n</html>\\n","text":"Your order is on its way\\n\\nHi{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}},\\n\\nGood news – your order {{order.number}} has been sent with {{shipping.carrier}}.\\n\\nOrder number: {{order.number}}\\nCarrier: {{shipping.carrier}}\\n{{#shipping.tracking_number}}Tracking number: {{shipping.tracking_number}}\\n{{/shipping.tracking_number}}{{#shipping.tracking_url}}Track your parcel: {{shipping.tracking_url}}\\n{{/shipping.tracking_url}}\\n\\n{{#order.lines}}{{quantity}} × {{name}}{{#sku}} ({{sku}}){{/sku}}: {{line_total}}\\n{{/order.lines}}\\n\\n{{#shipping.address}}Delivery address:\\n{{#name}}{{name}}\\n{{/name}}{{line1}}\\n{{#line2}}{{line2}}\\n{{/line2}}{{postal_code}} {{city}}\\n{{/shipping.address}}{{#shipping.carrier}}Delivery method: {{shipping.carrier}}{{#shipping.method}}, {{shipping.method}}{{/shipping.method}}\\n{{/shipping.carrier}}\\n\\nIt can take a few hours before the parcel shows up in tracking.\\n\\nKind regards{{#account.name}}\\n{{account.name}}{{/account.name}}\\n"},"created_at":"2026-12-04T19:13:33.210Z","updated_at":"2026-12-04T19:13:33.210Z"}
tpl_01M917KR0T8ZHGR6M12P41QWK8	acc_01M917KR0T8ZHGR6M12P41QWK0	{"id":"tpl_01M917KR0T8ZHGR6M12P41QWK8","name":"Delivery confirmation","kind":"email","purpose":"transactional","key":"delivery_confirmation.en","body":{"subject":"Your order {{order.number}} has been delivered","html":"<!DOCTYPE html>\\n<html lang=\\"en\\">\\n<head><meta charset=\\"utf-8\\"><meta name=\\"viewport\\" content=\\"width=device-width, initial-scale=1\\"><title>Your order has been delivered</title></head>\\n<body style=\\"margin:0;padding:0;background:#f4f4f2;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"background:#f4f4f2;\\"><tr><td align=\\"center\\" style=\\"padding:24px 12px;\\">\\n<table role=\\"presentation\\" width=\\"600\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222222;\\">\\n<tr><td style=\\"padding:32px 32px 8px;\\"><h1 style=\\"margin:0 0 16px;font-size:22px;font-weight:bold;color:#111111;\\">Your order has been delivered</h1>\\n<p style=\\"margin:0 0 12px;\\">Hi{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}},</p>\\n<p style=\\"margin:0 0 12px;\\">According to {{shipping.carrier}}, your order {{order.number}} has now been delivered.</p>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<p style=\\"margin:0;\\"><strong>Order number:</strong> {{order.number}}<br><strong>Carrier:</strong> {{shipping.carrier}}{{#shipping.tracking_number}}<br><strong>Tracking number:</strong> {{shipping.tracking_number}}{{/shipping.tracking_number}}</p>\\n{{#shipping.tracking_url}}<p style=\\"margin:16px 0 8px;\\"><a href=\\"{{shipping.tracking_url}}\\" style=\\"display:inline-block;padding:10px 18px;background:#222222;color:#ffffff;text-decoration:none;border-radius:4px;\\">Track your parcel</a></p>{{/shipping.tracking_url}}\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"border-collapse:collapse;\\">\\n<tr><th align=\\"left\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Item</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Qty</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Amount</th></tr>\\n{{#order.lines}}<tr><td style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{name}}{{#sku}} <span style=\\"color:#666666;font-size:13px;\\">({{sku}})</span>{{/sku}}</td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{quantity}}</td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;white-space:nowrap;\\">{{line_total}}</td></tr>\\n{{/order.lines}}</table>\\n</td></tr>\\n<tr><td style=\\"padding:16px 32px 32px;\\"><p style=\\"margin:0;\\">Haven't received the parcel, or is something wrong with it? Reply to this e-mail and we will help you.</p>\\n<p style=\\"margin:12px 0 0;\\">Kind regards{{#account.name}}<br>{{account.name}}{{/account.name}}</p></td></tr>\\n</table>\\n</td></tr></table>\\n</body>\\n</html>\\n","text":"Your order has been delivered\\n\\nHi{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}},\\n\\nAccording to {{shipping.carrier}}, your order {{order.number}} has now been delivered.\\n\\nOrder number: {{order.number}}\\nCarrier: {{shipping.carrier}}\\n{{#shipping.tracking_number}}Tracking number: {{shipping.tracking_number}}\\n{{/shipping.tracking_number}}{{#shipping.tracking_url}}Track your parcel: {{shipping.tracking_url}}\\n{{/shipping.tracking_url}}\\n\\n{{#order.lines}}{{quantity}} × {{name}}{{#sku}} ({{sku}}){{/sku}}: {{line_total}}\\n{{/order.lines}}\\n\\nHaven't received the parcel, or is something wrong with it? Reply to this e-mail and we will help you.\\n\\nKind regards{{#account.name}}\\n{{account.name}}{{/account.name}}\\n"},"created_at":"2026-12-04T19:13:33.210Z","updated_at":"2026-12-04T19:13:33.210Z"}
tpl_01M917KR0T8ZHGR6M12P41QWKA	acc_01M917KR0T8ZHGR6M12P41QWK0	{"id":"tpl_01M917KR0T8ZHGR6M12P41QWKA","name":"Digital receipt","kind":"email","purpose":"transactional","key":"receipt.en","body":{"subject":"Your receipt – purchase {{order.number}}","html":"<!DOCTYPE html>\\n<html lang=\\"en\\">\\n<head><meta charset=\\"utf-8\\"><meta name=\\"viewport\\" content=\\"width=device-width, initial-scale=1\\"><title>Your receipt</title></head>\\n<body style=\\"margin:0;padding:0;background:#f4f4f2;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"background:#f4f4f2;\\"><tr><td align=\\"center\\" style=\\"padding:24px 12px;\\">\\n<table role=\\"presentation\\" width=\\"600\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222222;\\">\\n<tr><td style=\\"padding:32px 32px 8px;\\"><h1 style=\\"margin:0 0 16px;font-size:22px;font-weight:bold;color:#111111;\\">Your receipt</h1>\\n<p style=\\"margin:0 0 12px;\\">Hi{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}},</p>\\n<p style=\\"margin:0 0 12px;\\">Thank you for shopping in our store. Here is a copy of your receipt.</p>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<p style=\\"margin:0;\\"><strong>Receipt number:</strong> {{order.number}}<br><strong>Date:</strong> {{order.created_at}}{{#receipt.store}}<br><strong>Store:</strong> {{receipt.store}}{{/receipt.store}}{{#receipt.register}}<br><strong>Register:</strong> {{receipt.register}}{{/receipt.register}}{{#receipt.staff}}<br><strong>Served by:</strong> {{receipt.staff}}{{/receipt.staff}}</p>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"border-collapse:collapse;\\">\\n<tr><th align=\\"left\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Item</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Qty</th><th align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;font-size:13px;color:#666666;\\">Amount</th></tr>\\n{{#order.lines}}<tr><td style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{name}}{{#sku}} <span style=\\"color:#666666;font-size:13px;\\">({{sku}})</span>{{/sku}}<br><span style=\\"color:#666666;font-size:13px;\\">{{quantity}} × {{unit_price}}</span></td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;\\">{{quantity}}</td><td align=\\"right\\" style=\\"padding:6px 0;border-bottom:1px solid #e6e6e3;white-space:nowrap;\\">{{line_total}}</td></tr>\\n{{/order.lines}}</table>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n<table role=\\"presentation\\" width=\\"100%\\" cellpadding=\\"0\\" cellspacing=\\"0\\" style=\\"border-collapse:collapse;\\">\\n{{#order.totals.subtotal}}<tr><td style=\\"padding:4px 0;\\">Subtotal</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;\\">{{order.totals.subtotal}}</td></tr>{{/order.totals.subtotal}}\\n{{#order.totals.shipping}}<tr><td style=\\"padding:4px 0;\\">Shipping</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;\\">{{order.totals.shipping}}</td></tr>{{/order.totals.shipping}}\\n{{#order.totals.total}}<tr><td style=\\"padding:4px 0;font-weight:bold;\\">Total</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;font-weight:bold;\\">{{order.totals.total}}</td></tr>{{/order.totals.total}}\\n{{#order.totals.tax}}<tr><td style=\\"padding:4px 0;\\">Including VAT</td><td align=\\"right\\" style=\\"padding:4px 0;white-space:nowrap;\\">{{order.totals.tax}}</td></tr>{{/order.totals.tax}}\\n</table>\\n</td></tr>\\n<tr><td style=\\"padding:8px 32px;\\">\\n{{#receipt.payment}}<p style=\\"margin:8px 0 0;\\"><strong>Payment:</strong> {{receipt.payment}}</p>{{/receipt.payment}}\\n</td></tr>\\n<tr><td style=\\"padding:16px 32px 32px;\\"><p style=\\"margin:0;\\">Please keep this e-mail – it serves as your receipt for exchanges and returns.</p>\\n<p style=\\"margin:12px 0 0;\\">Kind regards{{#account.name}}<br>{{account.name}}{{/account.name}}</p></td></tr>\\n</table>\\n</td></tr></table>\\n</body>\\n</html>\\n","text":"Your receipt\\n\\nHi{{#contact.first_name}} {{contact.first_name}}{{/contact.first_name}},\\n\\nThank you for shopping in our store. Here is a copy of your receipt.\\n\\nReceipt number: {{order.number}}\\nDate: {{order.created_at}}\\n{{#receipt.store}}Store: {{receipt.store}}\\n{{/receipt.store}}{{#receipt.register}}Register: {{receipt.register}}\\n{{/receipt.register}}{{#receipt.staff}}Served by: {{receipt.staff}}\\n{{/receipt.staff}}\\n\\n{{#order.lines}}{{quantity}} × {{name}}{{#sku}} ({{sku}}){{/sku}} à {{unit_price}}: {{line_total}}\\n{{/order.lines}}\\n\\n{{#order.totals.subtotal}}Subtotal: {{order.totals.subtotal}}\\n{{/order.totals.subtotal}}{{#order.totals.shipping}}Shipping: {{order.totals.shipping}}\\n{{/order.totals.shipping}}Total: {{order.totals.total}}\\n{{#order.totals.tax}}Including VAT: {{order.totals.tax}}\\n{{/order.totals.tax}}\\n\\n{{#receipt.payment}}Payment: {{receipt.payment}}\\n{{/receipt.payment}}\\n\\nPlease keep this e-mail – it serves as your receipt for exchanges and returns.\\n\\nKind regards{{#account.name}}\\n{{account.name}}{{/account.name}}\\n"},"created_at":"2026-12-04T19:13:33.210Z","updated_at":"2026-12-04T19:13:33.210Z"}
tpl_01M917KR9N3GY0S0YRDXSRAM3F	acc_01M917KR0T8ZHGR6M12P41QWK0	{"id":"tpl_01M917KR9N3GY0S0YRDXSRAM3F","name":"GCW order shipped","kind":"postback","body":{"orderRef":{"$expr":"data.order.number"},"items":{"$expr":"data.order.lines[].{sku: sku, qty: quantity}"},"note":{"$template":"Shipped with {{data.order.shipping.carrier}}"}},"created_at":"2026-12-04T19:13:33.493Z","updated_at":"2026-12-04T19:13:33.493Z"}
tpl_01M917KRTE6K1AN7EC40PS5M5A	acc_01M917KR0T8ZHGR6M12P41QWK0	{"id":"tpl_01M917KRTE6K1AN7EC40PS5M5A","name":"Tack för ditt köp","kind":"email","purpose":"transactional","key":null,"body":{"subject":"Tack, {{contact.first_name}}! Order {{order.number}}","text":"Hej {{contact.first_name}}!\\n\\nTack för din order {{order.number}} på {{order.totals.total}}.\\n{{#order.lines}}- {{quantity}} × {{name}}\\n{{/order.lines}}","html":"<p>Hej {{contact.first_name}}!</p><p>Tack för din order {{order.number}}.</p>"},"created_at":"2026-12-04T19:13:34.030Z","updated_at":"2026-12-04T19:13:34.030Z"}
\.


--
-- Data for Name: timeline; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.timeline (id, account_id, subject_id, doc) FROM stdin;
tle_01M917KR839HQMNZT2PNEVAJTK	acc_01M917KR0T8ZHGR6M12P41QWK0	ord_01M917KR839HQMNZT2PNEVAJTD	{"id":"tle_01M917KR839HQMNZT2PNEVAJTK","subject_id":"ord_01M917KR839HQMNZT2PNEVAJTD","kind":"imported","at":"2026-12-04T19:13:33.443Z","text":"Order received from webshop (api)","data":null}
tle_01M917KR839HQMNZT2PNEVAJTM	acc_01M917KR0T8ZHGR6M12P41QWK0	ord_01M917KR839HQMNZT2PNEVAJTD	{"id":"tle_01M917KR839HQMNZT2PNEVAJTM","subject_id":"ord_01M917KR839HQMNZT2PNEVAJTD","kind":"comment","at":"2026-12-04T19:13:33.443Z","text":"Delivery details — Carrier: PostNord; Cost: 49.00; Address: Anna Berg, Storgatan 1, 111 22 Stockholm, SE","data":null}
tle_01M917KR8JEY9QZDBKW7X9J2M8	acc_01M917KR0T8ZHGR6M12P41QWK0	ord_01M917KR8JEY9QZDBKW7X9J2M6	{"id":"tle_01M917KR8JEY9QZDBKW7X9J2M8","subject_id":"ord_01M917KR8JEY9QZDBKW7X9J2M6","kind":"imported","at":"2026-12-04T19:13:33.458Z","text":"Order received from webshop (api)","data":null}
tle_01M917KR8JEY9QZDBKW7X9J2M9	acc_01M917KR0T8ZHGR6M12P41QWK0	ord_01M917KR8JEY9QZDBKW7X9J2M6	{"id":"tle_01M917KR8JEY9QZDBKW7X9J2M9","subject_id":"ord_01M917KR8JEY9QZDBKW7X9J2M6","kind":"comment","at":"2026-12-04T19:13:33.458Z","text":"Delivery details — Carrier: DHL; Cost: 0.00","data":null}
tle_01M917KR8TBG2FBDW2VKBZ02DC	acc_01M917KR0T8ZHGR6M12P41QWK0	ord_01M917KR8TBG2FBDW2VKBZ02DB	{"id":"tle_01M917KR8TBG2FBDW2VKBZ02DC","subject_id":"ord_01M917KR8TBG2FBDW2VKBZ02DB","kind":"imported","at":"2026-12-04T19:13:33.466Z","text":"Order received from webshop (api)","data":null}
tle_01M917KR8TBG2FBDW2VKBZ02DD	acc_01M917KR0T8ZHGR6M12P41QWK0	ord_01M917KR8TBG2FBDW2VKBZ02DB	{"id":"tle_01M917KR8TBG2FBDW2VKBZ02DD","subject_id":"ord_01M917KR8TBG2FBDW2VKBZ02DB","kind":"comment","at":"2026-12-04T19:13:33.466Z","text":"Delivery details — Carrier: Budbee; Cost: 39.00","data":null}
tle_01M917KR924V5403M1RWCG0TD2	acc_01M917KR0T8ZHGR6M12P41QWK0	ord_01M917KR839HQMNZT2PNEVAJTD	{"id":"tle_01M917KR924V5403M1RWCG0TD2","subject_id":"ord_01M917KR839HQMNZT2PNEVAJTD","kind":"status_change","at":"2026-12-04T19:13:33.474Z","text":"Status received → shipped","data":null}
tle_01M917KR97FKH371RRK3WWPYYG	acc_01M917KR0T8ZHGR6M12P41QWK0	ord_01M917KR8JEY9QZDBKW7X9J2M6	{"id":"tle_01M917KR97FKH371RRK3WWPYYG","subject_id":"ord_01M917KR8JEY9QZDBKW7X9J2M6","kind":"locked","at":"2026-12-04T19:13:33.479Z","text":"Order locked: later changes are ignored","data":null}
tle_01M917KR9S9570N6STTM20VMV9	acc_01M917KR0T8ZHGR6M12P41QWK0	ord_01M917KR8TBG2FBDW2VKBZ02DB	{"id":"tle_01M917KR9S9570N6STTM20VMV9","subject_id":"ord_01M917KR8TBG2FBDW2VKBZ02DB","kind":"status_change","at":"2026-12-04T19:13:33.497Z","text":"Status received → shipped","data":null}
tle_01M917KRJ72WP1ENFB98Z1WD4W	acc_01M917KR0T8ZHGR6M12P41QWK0	ord_01M917KRJ72WP1ENFB98Z1WD4T	{"id":"tle_01M917KRJ72WP1ENFB98Z1WD4W","subject_id":"ord_01M917KRJ72WP1ENFB98Z1WD4T","kind":"imported","at":"2026-12-04T19:13:33.767Z","text":"Order received from Butik (live)","data":null}
tle_01M917KRJ72WP1ENFB98Z1WD4X	acc_01M917KR0T8ZHGR6M12P41QWK0	ord_01M917KRJ72WP1ENFB98Z1WD4T	{"id":"tle_01M917KRJ72WP1ENFB98Z1WD4X","subject_id":"ord_01M917KRJ72WP1ENFB98Z1WD4T","kind":"comment","at":"2026-12-04T19:13:33.767Z","text":"Delivery details — Carrier: PostNord MyPack; Cost: 59.00; Address: Eva Lind, Sveavägen 12, 113 50 Stockholm, SE","data":null}
tle_01M917KRV6ANE6W9X4M6N1F0TM	acc_01M917KR0T8ZHGR6M12P41QWK0	con_01M917KRV6ANE6W9X4M6N1F0TJ	{"id":"tle_01M917KRV6ANE6W9X4M6N1F0TM","subject_id":"con_01M917KRV6ANE6W9X4M6N1F0TJ","kind":"consent","at":"2026-12-04T19:13:34.054Z","text":"Consent given to email, sms at the till (store 200, register 3, staff kassa-1)","data":{"store_id":"200","staff_id":"kassa-1","register_id":"3","channels":["email","sms"],"consent":true}}
tle_01M917KRVBAHRHKDAEBV8M64KK	acc_01M917KR0T8ZHGR6M12P41QWK0	ord_01M917KRVBAHRHKDAEBV8M64KH	{"id":"tle_01M917KRVBAHRHKDAEBV8M64KK","subject_id":"ord_01M917KRVBAHRHKDAEBV8M64KH","kind":"imported","at":"2026-12-04T19:13:34.059Z","text":"Order received from pos (pos)","data":null}
\.


--
-- Data for Name: triggers; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.triggers (id, account_id, active, doc) FROM stdin;
trg_01M917KR9QE7A8VNQG7C9GNM2M	acc_01M917KR0T8ZHGR6M12P41QWK0	1	{"id":"trg_01M917KR9QE7A8VNQG7C9GNM2M","name":"Notify GCW","event_types":["order.shipped"],"filter":null,"url":"http://localhost:9/hooks","email":null,"method":"POST","format":"json","template_id":"tpl_01M917KR9N3GY0S0YRDXSRAM3F","retry":false,"active":true,"previous_secret_expires_at":null,"disabled_at":null,"disabled_reason":null,"failing_since":"2026-12-04T19:13:33.505Z","created_at":"2026-12-04T19:13:33.495Z","updated_at":"2026-12-04T19:13:33.751Z","sealed_secret":"v1:Bmr/kaZNRKr1xO1hWOIHn2IeDx4qSue9P/xvsyehWUir1Hsvm2TwSh2zLmIp9dL5AVaZY3FX7iPNTvgJg4o0oum/5Dsz3bRP/8q9X9Kk","sealed_previous_secret":null}
\.


--
-- Data for Name: voucher_redemptions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.voucher_redemptions (account_id, idempotency_key, voucher_id, created_ms, doc) FROM stdin;
acc_01M917KR0T8ZHGR6M12P41QWK0	reg3-tx-889	vch_01M917KRTT1S1S53Q2614F505Y	1796411614072	{"code":"BC-1001","redeemed":"40.00","remaining":"60.00","currency":"SEK","used_at":"2026-12-04T19:13:34.072Z"}
\.


--
-- Data for Name: vouchers; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.vouchers (id, account_id, code, contact_id, remaining_minor, doc) FROM stdin;
vch_01M917KRTT1S1S53Q2614F505Z	acc_01M917KR0T8ZHGR6M12P41QWK0	BC-1002	con_01M917KR8JEY9QZDBKW7X9J2M4	5000	{"id":"vch_01M917KRTT1S1S53Q2614F505Z","code":"BC-1002","contact_id":"con_01M917KR8JEY9QZDBKW7X9J2M4","email":"eva@example.se","phone":"+46707654321","currency":"SEK","amount":"50.00","remaining":"50.00","valid_from":"2026-01-01T00:00:00.000Z","valid_to":"2030-12-31T23:59:59.999Z","used_at":null,"created_at":"2026-12-04T19:13:34.042Z","updated_at":"2026-12-04T19:13:34.042Z"}
vch_01M917KRTT1S1S53Q2614F505Y	acc_01M917KR0T8ZHGR6M12P41QWK0	BC-1001	con_01M917KR839HQMNZT2PNEVAJTB	6000	{"id":"vch_01M917KRTT1S1S53Q2614F505Y","code":"BC-1001","contact_id":"con_01M917KR839HQMNZT2PNEVAJTB","email":"anna@example.se","phone":"+46701234567","currency":"SEK","amount":"100.00","remaining":"60.00","valid_from":"2026-01-01T00:00:00.000Z","valid_to":"2030-12-31T23:59:59.999Z","used_at":"2026-12-04T19:13:34.072Z","created_at":"2026-12-04T19:13:34.042Z","updated_at":"2026-12-04T19:13:34.072Z"}
\.


--
-- Name: account_settings account_settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_settings
    ADD CONSTRAINT account_settings_pkey PRIMARY KEY (account_id);


--
-- Name: accounts accounts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accounts
    ADD CONSTRAINT accounts_pkey PRIMARY KEY (id);


--
-- Name: admin_audit admin_audit_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_audit
    ADD CONSTRAINT admin_audit_pkey PRIMARY KEY (id);


--
-- Name: admin_sessions admin_sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_sessions
    ADD CONSTRAINT admin_sessions_pkey PRIMARY KEY (token_hash);


--
-- Name: admin_users admin_users_email_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_users
    ADD CONSTRAINT admin_users_email_key_key UNIQUE (email_key);


--
-- Name: admin_users admin_users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_users
    ADD CONSTRAINT admin_users_pkey PRIMARY KEY (id);


--
-- Name: api_keys api_keys_hash_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_hash_key UNIQUE (hash);


--
-- Name: api_keys api_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_pkey PRIMARY KEY (id);


--
-- Name: automation_runs automation_runs_automation_id_event_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.automation_runs
    ADD CONSTRAINT automation_runs_automation_id_event_id_key UNIQUE (automation_id, event_id);


--
-- Name: automation_runs automation_runs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.automation_runs
    ADD CONSTRAINT automation_runs_pkey PRIMARY KEY (id);


--
-- Name: automations automations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.automations
    ADD CONSTRAINT automations_pkey PRIMARY KEY (id);


--
-- Name: backfills backfills_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backfills
    ADD CONSTRAINT backfills_pkey PRIMARY KEY (id);


--
-- Name: categories categories_account_id_parent_id_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.categories
    ADD CONSTRAINT categories_account_id_parent_id_name_key UNIQUE (account_id, parent_id, name);


--
-- Name: categories categories_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.categories
    ADD CONSTRAINT categories_pkey PRIMARY KEY (id);


--
-- Name: connections connections_account_id_kind_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.connections
    ADD CONSTRAINT connections_account_id_kind_name_key UNIQUE (account_id, kind, name);


--
-- Name: connections connections_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.connections
    ADD CONSTRAINT connections_pkey PRIMARY KEY (id);


--
-- Name: contacts contacts_account_id_email_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_account_id_email_key_key UNIQUE (account_id, email_key);


--
-- Name: contacts contacts_account_id_phone_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_account_id_phone_key UNIQUE (account_id, phone);


--
-- Name: contacts contacts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_pkey PRIMARY KEY (id);


--
-- Name: deliveries deliveries_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deliveries
    ADD CONSTRAINT deliveries_pkey PRIMARY KEY (id);


--
-- Name: delivery_attempts delivery_attempts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.delivery_attempts
    ADD CONSTRAINT delivery_attempts_pkey PRIMARY KEY (delivery_id, number);


--
-- Name: events events_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_id_key UNIQUE (id);


--
-- Name: events events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_pkey PRIMARY KEY (account_id, sequence);


--
-- Name: field_definitions field_definitions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.field_definitions
    ADD CONSTRAINT field_definitions_pkey PRIMARY KEY (account_id, grp, name);


--
-- Name: inbox inbox_connection_id_delivery_key_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inbox
    ADD CONSTRAINT inbox_connection_id_delivery_key_key UNIQUE (connection_id, delivery_key);


--
-- Name: inbox inbox_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inbox
    ADD CONSTRAINT inbox_pkey PRIMARY KEY (id);


--
-- Name: list_members list_members_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.list_members
    ADD CONSTRAINT list_members_pkey PRIMARY KEY (list_id, contact_id);


--
-- Name: lists lists_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lists
    ADD CONSTRAINT lists_pkey PRIMARY KEY (id);


--
-- Name: lookups lookups_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lookups
    ADD CONSTRAINT lookups_pkey PRIMARY KEY (id);


--
-- Name: member_numbers member_numbers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.member_numbers
    ADD CONSTRAINT member_numbers_pkey PRIMARY KEY (account_id);


--
-- Name: merge_candidates merge_candidates_account_id_contact_a_contact_b_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.merge_candidates
    ADD CONSTRAINT merge_candidates_account_id_contact_a_contact_b_key UNIQUE (account_id, contact_a, contact_b);


--
-- Name: merge_candidates merge_candidates_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.merge_candidates
    ADD CONSTRAINT merge_candidates_pkey PRIMARY KEY (id);


--
-- Name: orders orders_connection_id_external_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_connection_id_external_id_key UNIQUE (connection_id, external_id);


--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


--
-- Name: products products_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_pkey PRIMARY KEY (id);


--
-- Name: rejections rejections_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rejections
    ADD CONSTRAINT rejections_pkey PRIMARY KEY (id);


--
-- Name: scheduled_jobs scheduled_jobs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduled_jobs
    ADD CONSTRAINT scheduled_jobs_pkey PRIMARY KEY (account_id, job);


--
-- Name: schema_migrations schema_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);


--
-- Name: suppressions suppressions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppressions
    ADD CONSTRAINT suppressions_pkey PRIMARY KEY (account_id, hash);


--
-- Name: templates templates_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.templates
    ADD CONSTRAINT templates_pkey PRIMARY KEY (id);


--
-- Name: timeline timeline_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.timeline
    ADD CONSTRAINT timeline_pkey PRIMARY KEY (id);


--
-- Name: triggers triggers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.triggers
    ADD CONSTRAINT triggers_pkey PRIMARY KEY (id);


--
-- Name: voucher_redemptions voucher_redemptions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.voucher_redemptions
    ADD CONSTRAINT voucher_redemptions_pkey PRIMARY KEY (account_id, idempotency_key);


--
-- Name: vouchers vouchers_account_id_code_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.vouchers
    ADD CONSTRAINT vouchers_account_id_code_key UNIQUE (account_id, code);


--
-- Name: vouchers vouchers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.vouchers
    ADD CONSTRAINT vouchers_pkey PRIMARY KEY (id);


--
-- Name: admin_audit_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX admin_audit_account ON public.admin_audit USING btree (account_id, id);


--
-- Name: admin_sessions_user; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX admin_sessions_user ON public.admin_sessions USING btree (user_id);


--
-- Name: admin_users_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX admin_users_account ON public.admin_users USING btree (account_id, email_key);


--
-- Name: api_keys_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX api_keys_account ON public.api_keys USING btree (account_id, id);


--
-- Name: automation_runs_automation; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX automation_runs_automation ON public.automation_runs USING btree (account_id, automation_id, id);


--
-- Name: automation_runs_contact; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX automation_runs_contact ON public.automation_runs USING btree (account_id, contact_id, status);


--
-- Name: automation_runs_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX automation_runs_due ON public.automation_runs USING btree (status, due_ms);


--
-- Name: automations_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX automations_account ON public.automations USING btree (account_id, active, id);


--
-- Name: backfills_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backfills_status ON public.backfills USING btree (status);


--
-- Name: contacts_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contacts_account ON public.contacts USING btree (account_id, id);


--
-- Name: contacts_member_number; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX contacts_member_number ON public.contacts USING btree (account_id, member_number);


--
-- Name: deliveries_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX deliveries_account ON public.deliveries USING btree (account_id, id);


--
-- Name: deliveries_due; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX deliveries_due ON public.deliveries USING btree (status, next_attempt_ms);


--
-- Name: deliveries_event; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX deliveries_event ON public.deliveries USING btree (account_id, event_id);


--
-- Name: deliveries_lease; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX deliveries_lease ON public.deliveries USING btree (lease_token);


--
-- Name: events_contact; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX events_contact ON public.events USING btree (account_id, contact_id);


--
-- Name: events_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX events_id ON public.events USING btree (account_id, id);


--
-- Name: inbox_connection; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inbox_connection ON public.inbox USING btree (account_id, connection_id, id);


--
-- Name: inbox_received; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inbox_received ON public.inbox USING btree (received_ms);


--
-- Name: inbox_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX inbox_status ON public.inbox USING btree (status, received_ms);


--
-- Name: list_members_contact; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX list_members_contact ON public.list_members USING btree (account_id, contact_id);


--
-- Name: lists_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lists_account ON public.lists USING btree (account_id, id);


--
-- Name: lookups_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lookups_account ON public.lookups USING btree (account_id, id);


--
-- Name: lookups_contact; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lookups_contact ON public.lookups USING btree (account_id, contact_id);


--
-- Name: lookups_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX lookups_key ON public.lookups USING btree (account_id, key_hash);


--
-- Name: merge_candidates_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX merge_candidates_account ON public.merge_candidates USING btree (account_id, id);


--
-- Name: merge_candidates_contact_b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX merge_candidates_contact_b ON public.merge_candidates USING btree (account_id, contact_b);


--
-- Name: orders_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_account ON public.orders USING btree (account_id, id);


--
-- Name: orders_contact; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_contact ON public.orders USING btree (account_id, contact_id, id);


--
-- Name: orders_rfm; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX orders_rfm ON public.orders USING btree (account_id, contact_id, placed_ms, counted_minor);


--
-- Name: products_code; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX products_code ON public.products USING btree (account_id, code);


--
-- Name: products_name; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX products_name ON public.products USING btree (account_id, name);


--
-- Name: products_sku; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX products_sku ON public.products USING btree (account_id, sku);


--
-- Name: rejections_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX rejections_account ON public.rejections USING btree (account_id, id);


--
-- Name: templates_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX templates_account ON public.templates USING btree (account_id, id);


--
-- Name: timeline_subject; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX timeline_subject ON public.timeline USING btree (account_id, subject_id, id);


--
-- Name: triggers_account; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX triggers_account ON public.triggers USING btree (account_id, active, id);


--
-- Name: voucher_redemptions_voucher; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX voucher_redemptions_voucher ON public.voucher_redemptions USING btree (voucher_id);


--
-- Name: vouchers_contact; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX vouchers_contact ON public.vouchers USING btree (account_id, contact_id);


--
-- Name: account_settings account_settings_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.account_settings
    ADD CONSTRAINT account_settings_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: admin_audit admin_audit_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_audit
    ADD CONSTRAINT admin_audit_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: admin_sessions admin_sessions_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_sessions
    ADD CONSTRAINT admin_sessions_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: admin_users admin_users_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admin_users
    ADD CONSTRAINT admin_users_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: api_keys api_keys_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.api_keys
    ADD CONSTRAINT api_keys_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: automation_runs automation_runs_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.automation_runs
    ADD CONSTRAINT automation_runs_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: automations automations_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.automations
    ADD CONSTRAINT automations_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: backfills backfills_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backfills
    ADD CONSTRAINT backfills_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: categories categories_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.categories
    ADD CONSTRAINT categories_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: connections connections_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.connections
    ADD CONSTRAINT connections_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: contacts contacts_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: deliveries deliveries_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deliveries
    ADD CONSTRAINT deliveries_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: events events_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.events
    ADD CONSTRAINT events_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: field_definitions field_definitions_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.field_definitions
    ADD CONSTRAINT field_definitions_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: inbox inbox_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.inbox
    ADD CONSTRAINT inbox_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: list_members list_members_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.list_members
    ADD CONSTRAINT list_members_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: lists lists_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lists
    ADD CONSTRAINT lists_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: lookups lookups_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.lookups
    ADD CONSTRAINT lookups_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: member_numbers member_numbers_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.member_numbers
    ADD CONSTRAINT member_numbers_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: merge_candidates merge_candidates_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.merge_candidates
    ADD CONSTRAINT merge_candidates_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: orders orders_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: products products_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: rejections rejections_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rejections
    ADD CONSTRAINT rejections_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: scheduled_jobs scheduled_jobs_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.scheduled_jobs
    ADD CONSTRAINT scheduled_jobs_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: suppressions suppressions_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.suppressions
    ADD CONSTRAINT suppressions_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: templates templates_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.templates
    ADD CONSTRAINT templates_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: triggers triggers_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.triggers
    ADD CONSTRAINT triggers_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: voucher_redemptions voucher_redemptions_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.voucher_redemptions
    ADD CONSTRAINT voucher_redemptions_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- Name: vouchers vouchers_account_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.vouchers
    ADD CONSTRAINT vouchers_account_id_fkey FOREIGN KEY (account_id) REFERENCES public.accounts(id);


--
-- PostgreSQL database dump complete
--


