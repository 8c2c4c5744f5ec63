-- wrk script: GET tiles cycling through the paths in $PATHS (one per line). Each thread starts at a different
-- tile so the connections do not ask for the same tile in lock-step.
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 11)
end

local i = 0
function request()
  i = i + 1
  return wrk.format("GET", paths[(i + (offset or 0)) % #paths + 1])
end
