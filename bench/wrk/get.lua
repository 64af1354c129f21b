-- wrk script: GET the URL given on the command line.
dofile("bench/wrk/result.lua")
