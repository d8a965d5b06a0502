-- Public reports as GeoJSON features, newest first: $1..$4 the envelopes' west, south, east, north arrays (NULL: anywhere), $5 a status (NULL: any), $6 and $7 the instants [from, to) (NULL: open), $8 whether the text is shown (staff), $9 the most features, $10 one report's id (NULL: all).
SELECT json_build_object(
         'type', 'Feature',
         'id', r.id,
         'geometry', json_build_object('type', 'Point', 'coordinates', json_build_array(ST_X(r.geom), ST_Y(r.geom))),
         'properties', json_build_object(
           'id', r.id, 'category', r.category, 'status', coalesce(r.status, 'received'),
           'reported_at', to_char(r.reported_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'chief', CASE WHEN r.chief_id IS NULL THEN NULL ELSE json_build_object(
             'id', r.chief_id, 'name', ch.name, 'position', ch.position, 'level', r.chief_level,
             'scope', json_build_object('kind', r.chief_scope_kind, 'code', r.chief_scope_code)) END,
           'office', CASE WHEN r.office IS NULL THEN NULL ELSE json_build_object('code', r.office_code, 'name', r.office) END,
           'oversight', CASE WHEN r.oversight IS NULL THEN NULL ELSE json_build_object('name', r.oversight) END,
           'text', CASE WHEN $8::boolean THEN r.body END)) AS feature
  FROM reports r
  LEFT JOIN chiefs ch ON ch.id = r.chief_id
 WHERE ($10::bigint IS NULL OR r.id = $10)
   AND ($1::float8[] IS NULL OR EXISTS (
         SELECT 1 FROM unnest($1::float8[], $2::float8[], $3::float8[], $4::float8[]) AS box(w, s, e, n)
          WHERE r.geom && ST_MakeEnvelope(box.w, box.s, box.e, box.n, 4490)))
   AND ($5::text IS NULL OR coalesce(r.status, 'received') = $5)
   AND ($6::timestamptz IS NULL OR r.reported_at >= $6)
   AND ($7::timestamptz IS NULL OR r.reported_at < $7)
 ORDER BY r.reported_at DESC NULLS LAST, r.id DESC
 LIMIT $9
