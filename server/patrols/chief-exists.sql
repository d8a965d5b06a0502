-- Whether chief $1 exists (a patrol names its chief by id).
SELECT EXISTS (SELECT 1 FROM chiefs WHERE id = $1) AS found
