-- corroborate for Neovim: `require('corroborate').setup{}` for setups that do
-- not use `vim.lsp.enable` (Neovim 0.10), or to pass options in one place.
local M = {}

M.defaults = {
  cmd = nil, -- default: { $CORROBORATE_SERVER_PATH or 'corroborate', 'lsp' }
  filetypes = { 'markdown', 'text' },
  root_markers = { 'corroborate.toml', 'seeds', '.git' },
  init_options = {},
}

local function config(opts)
  opts = vim.tbl_deep_extend('force', M.defaults, opts or {})
  opts.cmd = opts.cmd or { vim.env.CORROBORATE_SERVER_PATH or 'corroborate', 'lsp' }
  return opts
end

function M.setup(opts)
  local cfg = config(opts)
  if vim.lsp.config and vim.lsp.enable then
    -- Neovim 0.11+: the built-in configuration framework.
    vim.lsp.config('corroborate', cfg)
    vim.lsp.enable('corroborate')
    return
  end
  -- Neovim 0.10: start the client per buffer.
  vim.api.nvim_create_autocmd('FileType', {
    pattern = cfg.filetypes,
    group = vim.api.nvim_create_augroup('corroborate', { clear = true }),
    callback = function(args)
      local root = vim.fs.root(args.buf, cfg.root_markers) or vim.fn.getcwd()
      vim.lsp.start({
        name = 'corroborate',
        cmd = cfg.cmd,
        root_dir = root,
        init_options = cfg.init_options,
      }, { bufnr = args.buf })
    end,
  })
end

return M
