-- Headless Neovim end-to-end test: opens a draft in a workspace with a corpus
-- through editors/nvim, waits for diagnostics, hovers a name and asks for code
-- actions. Run by tests/e2e/nvim.sh; writes failures to stderr and exits 1.
local draft = vim.env.E2E_DRAFT
local failures = {}
local function check(ok, what)
  if not ok then
    table.insert(failures, what)
  end
end

vim.lsp.config('corroborate', { init_options = { debounceMs = 50 } })
vim.lsp.enable('corroborate')
vim.cmd('edit ' .. vim.fn.fnameescape(draft))
local buf = vim.api.nvim_get_current_buf()

local attached = vim.wait(20000, function()
  return #vim.lsp.get_clients({ bufnr = buf, name = 'corroborate' }) > 0
end, 50)
check(attached, 'the corroborate client attached to the draft')

local got = vim.wait(30000, function()
  local codes = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    codes[d.code] = true
  end
  return codes['name-variant'] and codes['date-weekday'] and codes['duration-conflict']
end, 100)
local diags = vim.diagnostic.get(buf)
check(got, 'diagnostics with name-variant, date-weekday and duration-conflict (got ' .. #diags .. ')')
for _, d in ipairs(diags) do
  io.stderr:write(string.format('diagnostic %d:%d %s [%s] %s\n', d.lnum + 1, d.col + 1, d.source or '?', d.code or '?', d.message))
end

-- Hover the misspelt name.
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local function find(needle)
  for i, l in ipairs(lines) do
    local s = l:find(needle, 1, true)
    if s then
      return i - 1, s - 1
    end
  end
end
local client = vim.lsp.get_clients({ bufnr = buf, name = 'corroborate' })[1]
local enc = client and client.offset_encoding or 'utf-16'
local row, col = find('Puttin')
local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = row, character = col } }
local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000) or {}
local hover = ''
for _, r in pairs(res) do
  if r.result and r.result.contents then
    hover = r.result.contents.value or ''
  end
end
io.stderr:write('hover: ' .. hover:gsub('\n', ' | ') .. '\n')
check(hover:find('Vladimir Puttin', 1, true) ~= nil, 'hover card on the name')
check(hover:find('Vladimir Putin', 1, true) ~= nil, 'hover card names the sources\' spelling')

-- Code actions on the weekday.
local wrow, wcol = find('Kamis (12/2/2025)')
local range = { start = { line = wrow, character = wcol }, ['end'] = { line = wrow, character = wcol + 17 } }
local ares = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  range = range,
  context = { diagnostics = {} },
}, 10000) or {}
local titles = {}
for _, r in pairs(ares) do
  for _, a in ipairs(r.result or {}) do
    table.insert(titles, a.title)
  end
end
io.stderr:write('code actions: ' .. table.concat(titles, '; ') .. ' (encoding ' .. enc .. ')\n')
check(vim.tbl_contains(titles, 'Change the weekday to Rabu'), 'a code action fixes the weekday')

-- :checkhealth corroborate
vim.cmd('checkhealth corroborate')
local health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
io.stderr:write('checkhealth: ' .. health:gsub('\n', ' | ') .. '\n')
check(health:find('binary:', 1, true) ~= nil, 'checkhealth finds the binary')
check(health:find('corpus: ', 1, true) ~= nil, 'checkhealth finds the corpus')

if #failures > 0 then
  io.stderr:write('FAILED: ' .. table.concat(failures, '; ') .. '\n')
  vim.cmd('cquit 1')
else
  io.stderr:write('nvim e2e: all checks passed\n')
  vim.cmd('qall!')
end
