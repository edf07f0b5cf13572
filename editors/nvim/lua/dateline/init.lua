-- dateline for Neovim: starts `dateline lsp` for text and Markdown buffers,
-- adds :DatelineTimeline and :DatelineReindex, links the custom semantic
-- token types to highlight groups and turns inlay hints (resolved dates) on.
--
-- Neovim 0.11+: `vim.lsp.enable('dateline')` (config in lsp/dateline.lua).
-- Neovim 0.8-0.10: `require('dateline').setup()` (uses vim.lsp.start).

local M = {}

--- Default options; `setup(opts)` and lsp/dateline.lua start from these.
M.defaults = {
  -- The server command. DATELINE_BIN overrides the binary (handy for a checkout).
  cmd = { vim.env.DATELINE_BIN or 'dateline', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { 'dateline.toml', '.git' },
  -- Sent as initializationOptions and as `settings.dateline`.
  settings = { inlayHints = true, rules = {} },
  inlay_hints = true,
  -- Only start in (or below) a folder that has a dateline.toml.
  article_folders_only = false,
}

--- Custom semantic token type → highlight group it links to (by default).
M.token_links = {
  person = 'Identifier',
  organization = 'Type',
  place = 'Constant',
  group = 'Special',
  date = 'Number',
  time = 'Number',
  duration = 'Float',
  set = 'Character',
}

--- Links `@lsp.type.<type>` to a sensible group; colourschemes can override (default = true).
function M.define_highlights()
  for type, group in pairs(M.token_links) do
    -- `:highlight default link` works on every version (nvim_set_hl's `default` is newer).
    vim.cmd(('highlight default link @lsp.type.%s %s'):format(type, group))
  end
end

--- The directory holding `dateline.toml` or `.git` above `path`, else its own directory.
function M.root_dir(path, markers)
  markers = markers or M.defaults.root_markers
  local dir = vim.fs.dirname(path)
  if vim.fs.root then
    return vim.fs.root(path, markers) or dir
  end
  local found = vim.fs.find(markers, { path = dir, upward = true })[1]
  return found and vim.fs.dirname(found) or dir
end

local function is_list(t)
  if vim.islist then return vim.islist(t) end
  return vim.tbl_islist(t)
end

--- "file.txt:12" for a timeline entry with a uri and range.
local function where(ev)
  if type(ev.uri) ~= 'string' then return '' end
  local name = vim.uri_decode and vim.uri_decode(ev.uri:match('[^/]*$')) or ev.uri:match('[^/]*$')
  local line = type(ev.range) == 'table' and type(ev.range.start) == 'table' and ev.range.start.line
  return ' — ' .. name .. (type(line) == 'number' and (':' .. (line + 1)) or '')
end

--- The folder with a dateline.toml at or above `path`, or nil.
function M.article_root(path)
  local found = vim.fs.find('dateline.toml', { path = vim.fs.dirname(path), upward = true })[1]
  return found and vim.fs.dirname(found) or nil
end

--- A `root_dir` for vim.lsp.config (0.11+) that starts dateline only inside
--- article folders: vim.lsp.config('dateline', { root_dir = require('dateline').article_root_dir })
function M.article_root_dir(bufnr, on_dir)
  local root = M.article_root(vim.api.nvim_buf_get_name(bufnr))
  if root then on_dir(root) end
end

--- Turns what the server returns for `dateline.timeline` (entries
--- { date, text, uri, range, ... } in date order) into Markdown lines.
function M.timeline_markdown(result)
  if type(result) == 'string' then
    return vim.split(result, '\n', { plain = true })
  elseif type(result) == 'table' and type(result.markdown) == 'string' then
    return vim.split(result.markdown, '\n', { plain = true })
  elseif result == nil or result == vim.NIL then
    return { '# Timeline', '', '_The server returned no timeline._' }
  elseif type(result) == 'table' and is_list(result) then
    if #result == 0 then return { '# Timeline', '', '_No dated events found._' } end
    local out, current = { '# Timeline' }, nil
    for _, ev in ipairs(result) do
      if type(ev) == 'string' then
        out[#out + 1] = '- ' .. ev
      else
        local date = tostring(ev.date or ev.when or ev.value or 'undated')
        if date ~= current then
          vim.list_extend(out, { '', '## ' .. date, '' })
          current = date
        end
        local what = tostring(ev.text or ev.label or ev.title or ''):gsub('%s+', ' ')
        out[#out + 1] = ('- “%s”%s'):format(what, where(ev))
      end
    end
    return out
  end
  return vim.split('# Timeline\n\n```json\n' .. vim.json.encode(result) .. '\n```', '\n', { plain = true })
end

local function get_client(bufnr)
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return get({ bufnr = bufnr, name = 'dateline' })[1]
end

local function execute(bufnr, command, args, on_result)
  local client = get_client(bufnr)
  if not client then
    vim.notify('dateline: no dateline language server attached to this buffer', vim.log.levels.WARN)
    return
  end
  local params = { command = command, arguments = args }
  local handler = function(err, result)
    if err then
      vim.notify('dateline: ' .. command .. ' failed: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      return
    end
    if on_result then on_result(result) end
  end
  if vim.fn.has('nvim-0.11') == 1 then
    client:request('workspace/executeCommand', params, handler, bufnr)
  else
    client.request('workspace/executeCommand', params, handler, bufnr)
  end
end

--- Opens the timeline of the workspace in a scratch Markdown buffer (in a split).
function M.timeline(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  execute(bufnr, 'dateline.timeline', { vim.uri_from_bufnr(bufnr) }, function(result)
    local buf = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_lines(buf, 0, -1, false, M.timeline_markdown(result))
    vim.bo[buf].filetype = 'markdown'
    vim.bo[buf].bufhidden = 'wipe'
    vim.bo[buf].modifiable = false
    pcall(vim.api.nvim_buf_set_name, buf, 'dateline://timeline')
    vim.cmd('botright vsplit')
    vim.api.nvim_win_set_buf(0, buf)
  end)
end

--- Asks the server to re-read the workspace.
function M.reindex(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  execute(bufnr, 'dateline.reindex', {}, function()
    vim.notify('dateline: re-indexing the workspace', vim.log.levels.INFO)
  end)
end

--- Per-buffer setup when the server attaches: commands and inlay hints.
function M.on_attach(client, bufnr)
  M.define_highlights()
  vim.api.nvim_buf_create_user_command(bufnr, 'DatelineTimeline', function() M.timeline(bufnr) end,
    { desc = 'dateline: show the timeline of the workspace' })
  vim.api.nvim_buf_create_user_command(bufnr, 'DatelineReindex', function() M.reindex(bufnr) end,
    { desc = 'dateline: re-index the workspace' })
  if M.options.inlay_hints and vim.lsp.inlay_hint and vim.fn.has('nvim-0.10') == 1 then
    pcall(vim.lsp.inlay_hint.enable, true, { bufnr = bufnr })
  end
end

M.options = vim.deepcopy(M.defaults)

--- Client capabilities without pull diagnostics. Neovim (0.10/0.11) pulls
--- diagnostics only when a buffer is opened or changed and does not handle
--- `workspace/diagnostic/refresh`, so a finding that appears once the other
--- articles are indexed (a spelling seen in another article) would never
--- show; without the pull capability the server pushes every change.
--- (`vim.NIL`, not nil: Neovim merges these over its defaults.)
function M.capabilities()
  local caps = vim.lsp.protocol.make_client_capabilities()
  caps.textDocument = caps.textDocument or {}
  caps.textDocument.diagnostic = vim.NIL
  return caps
end

--- The client config shared by both entry points.
function M.client_config(opts)
  opts = vim.tbl_deep_extend('force', M.options, opts or {})
  return {
    name = 'dateline',
    cmd = opts.cmd,
    capabilities = M.capabilities(),
    filetypes = opts.filetypes,
    root_markers = opts.root_markers,
    -- customTokenTypes: Neovim colours any token type (@lsp.type.person), so ask for ours.
    init_options = vim.tbl_extend('force', { customTokenTypes = true }, opts.settings),
    settings = { dateline = opts.settings },
    on_attach = function(client, bufnr)
      M.on_attach(client, bufnr)
      if opts.on_attach then opts.on_attach(client, bufnr) end
    end,
  }
end

--- Neovim 0.8+: starts (or reuses) the server for text and Markdown buffers.
--- opts: cmd, filetypes, root_markers, settings ({ inlayHints, rules, debounceMs }), inlay_hints,
--- article_folders_only, on_attach.
function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  M.define_highlights()
  local group = vim.api.nvim_create_augroup('dateline', { clear = true })
  vim.api.nvim_create_autocmd('ColorScheme', { group = group, callback = M.define_highlights })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.options.filetypes,
    callback = function(args) M.start(args.buf) end,
  })
  -- Buffers already open when setup() runs.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.tbl_contains(M.options.filetypes, vim.bo[buf].filetype) then
      M.start(buf)
    end
  end
end

--- Starts the server for `bufnr` (shared per root directory).
function M.start(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  if name == '' or vim.bo[bufnr].buftype ~= '' then return end
  local config = M.client_config()
  if M.options.article_folders_only and not M.article_root(name) then return end
  if vim.fn.executable(config.cmd[1]) ~= 1 then
    vim.notify_once(('dateline: the server `%s` was not found. Build it (cargo build --release) and put it on PATH, '
      .. 'or pass cmd = { "/path/to/dateline", "lsp" } to setup().'):format(config.cmd[1]), vim.log.levels.ERROR)
    return
  end
  config.root_dir = M.root_dir(name, config.root_markers)
  config.root_markers = nil
  config.filetypes = nil
  return vim.lsp.start(config, { bufnr = bufnr })
end

return M
