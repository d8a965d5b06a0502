-- Session settings of the compliance statement, for its transaction only. No JIT: compiling the statement took over a second of its seven at scale 10 for work that takes less. work_mem: its sorts of ~100 000 scope parts spilled to disk at the default 4 MB.
SET LOCAL jit = off;
SET LOCAL work_mem = '64MB';
