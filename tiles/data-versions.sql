-- Every table's data version and the store's identity, read at start and after the listener reconnects (notifications sent while it was away are lost), or per request while it is away.
SELECT d.table_name, d.version, s.store_id::text AS store_id
  FROM store_identity s
  LEFT JOIN data_versions d ON true
