-- :checkhealth dateline — is the server there, and which version.
local M = {}

local health = vim.health or require('health')
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local err = health.error or health.report_error

function M.check()
  start('dateline')
  local dateline = require('dateline')
  local cmd = dateline.options.cmd
  if vim.fn.executable(cmd[1]) == 1 then
    local version = vim.trim(vim.fn.system({ cmd[1], '--version' }))
    ok(('server: %s (%s)'):format(vim.fn.exepath(cmd[1]), version))
  else
    err(('server `%s` not found'):format(cmd[1]), {
      'Build it: cargo build --release (in the dateline repository)',
      'Put target/release on your PATH, or pass cmd = { "/path/to/dateline", "lsp" } / set DATELINE_BIN',
    })
  end
  if vim.fn.has('nvim-0.10') == 0 then
    warn('Neovim 0.10+ is needed for inlay hints (resolved dates)')
  end
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  local clients = get({ name = 'dateline' })
  if #clients > 0 then
    for _, c in ipairs(clients) do
      ok(('client %d running, root %s'):format(c.id, c.config.root_dir or '?'))
    end
  else
    warn('no dateline client running (open a .txt/.md file in a folder with dateline.toml)')
  end
end

return M
