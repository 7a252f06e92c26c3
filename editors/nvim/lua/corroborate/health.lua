-- :checkhealth corroborate
local M = {}

function M.check()
  local health = vim.health
  health.start('corroborate')
  local bin = vim.env.CORROBORATE_SERVER_PATH or 'corroborate'
  if vim.fn.executable(bin) ~= 1 then
    health.error('`' .. bin .. '` not found', {
      'Install it with `cargo install --path .` in the corroborate repository,',
      'or set $CORROBORATE_SERVER_PATH to the binary.',
    })
    return
  end
  local out = vim.fn.system({ bin, '--version' })
  if vim.v.shell_error == 0 then
    health.ok('binary: ' .. vim.fn.exepath(bin) .. ' (' .. vim.trim(out) .. ')')
  else
    health.error('`' .. bin .. ' --version` failed: ' .. vim.trim(out))
  end
  local root = vim.fs.root(0, { 'corroborate.toml', 'seeds', '.git' }) or vim.fn.getcwd()
  local toml = root .. '/corroborate.toml'
  if vim.fn.filereadable(toml) == 1 then
    health.ok('corpus configured in ' .. toml)
  elseif vim.fn.isdirectory(root .. '/seeds') == 1 then
    local n = #vim.fn.globpath(root .. '/seeds', '**/*.{txt,md,markdown}', false, true)
    if n > 0 then
      health.ok('corpus: ' .. root .. '/seeds (' .. n .. ' articles)')
    else
      health.warn('corpus folder ' .. root .. '/seeds has no .txt, .md or .markdown files')
    end
  else
    health.warn('no corpus found at ' .. root, {
      'Put the source articles in `seeds/`, or list folders in corroborate.toml:',
      '[corpus]\npaths = ["sources"]',
    })
  end
end

return M
