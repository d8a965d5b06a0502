-- Every assignment with its chief, as chiefs_on_duty() (migration 007) lists them: the ChiefOnDuty object built by the database (same types) and the ranks it orders by.
SELECT a.scope_kind AS kind, a.scope_code AS code, a.valid_from::text AS valid_from, a.valid_to::text AS valid_to,
       coalesce(chief_rank('level', a.level), 2147483647) AS level_rank,
       coalesce(chief_rank('role', a.role), 2147483647) AS role_rank, ch.name AS chief_name, ch.id AS chief_id,
       json_build_object('id', ch.id, 'name', ch.name, 'level', a.level, 'role', a.role, 'position', ch.position,
                         'contact', ch.contact, 'valid_from', a.valid_from, 'valid_to', a.valid_to) AS chief
  FROM assignments a JOIN chiefs ch ON ch.id = a.chief_id
