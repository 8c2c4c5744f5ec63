-- wrk script: GET items pages cycling through the bboxes of one size class (one per line in $BBOXES), at $LIMIT.
-- Each thread starts at a different box so the connections do not ask for the same page in lock-step.
local boxes = {}
for line in io.lines(os.getenv("BBOXES")) do boxes[#boxes + 1] = line end
local limit = os.getenv("LIMIT")
local path = os.getenv("ITEMS_PATH")
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7)
end

local i = 0
function request()
  i = i + 1
  local box = boxes[(i + (offset or 0)) % #boxes + 1]
  return wrk.format("GET", path .. "?bbox=" .. box .. "&limit=" .. limit)
end
