" Headless test of the ALE setup against the real server.
"   DATELINE_BIN=target/debug/dateline timeout 120 vim -Nu NONE -i NONE -es -S editors/vim/test.vim
" Skips (exit 0 with a message) when ALE is not installed.

let s:root = fnamemodify(expand('<sfile>:p'), ':h:h:h')
let s:out = []
let s:passes = 0
let s:failures = 0
let s:pendings = 0
" Checks whose server feature has not landed yet (DATELINE_E2E_PENDING="spelling,entities").
let s:pending = split($DATELINE_E2E_PENDING, '[ ,]\+')
function! s:Print(msg) abort
  call writefile(split(a:msg, "\n"), '/dev/stdout', 'a')
endfunction
function! s:Check(ok, what, got, ...) abort
  let l:key = a:0 ? a:1 : ''
  if a:ok
    let s:passes += 1
    call s:Print('ok     ' . a:what)
  elseif !empty(l:key) && index(s:pending, l:key) >= 0
    let s:pendings += 1
    call s:Print('PENDING ' . a:what . ' [' . l:key . "]\n       received: " . string(a:got))
  else
    let s:failures += 1
    call s:Print('FAILED ' . a:what . "\n       received: " . string(a:got))
  endif
  return a:ok
endfunction
function! s:Finish() abort
  call s:Print(printf('vim e2e (Vim %d.%d, ALE): %d passed, %d failed, %d pending', v:version / 100, v:version % 100, s:passes, s:failures, s:pendings))
  if exists('s:ws') | call delete(s:ws, 'rf') | endif
  if s:failures == 0 | qall! | else | cquit! | endif
endfunction

" ALE: Debian's vim-ale, or a checkout named by ALE_DIR.
let s:ale = empty($ALE_DIR) ? '/usr/share/vim-ale' : $ALE_DIR
if !isdirectory(s:ale . '/autoload/ale')
  call s:Print('SKIP: ALE is not installed (apt-get install vim-ale, or set ALE_DIR)')
  qall!
endif
set nocompatible
let &runtimepath = s:ale . ',' . &runtimepath
filetype on
let g:ale_lint_on_enter = 1
let g:ale_lint_delay = 0
runtime plugin/ale.vim

let $DATELINE_BIN = fnamemodify(empty($DATELINE_BIN) ? s:root . '/target/debug/dateline' : $DATELINE_BIN, ':p')
let s:timeout = empty($DATELINE_TEST_TIMEOUT_MS) ? 20000 : str2nr($DATELINE_TEST_TIMEOUT_MS)
if !executable($DATELINE_BIN)
  call s:Check(0, 'server binary is executable', $DATELINE_BIN)
  call s:Finish()
endif

" The setup snippet from editors/README.md.
execute 'source ' . fnameescape(s:root . '/editors/vim/dateline-ale.vim')

" A workspace of its own: copies of the seeds and a dateline.toml.
let s:ws = tempname() . '-dateline-ws'
call mkdir(s:ws, 'p')
for s:f in glob(s:root . '/seeds/*.txt', 0, 1)
  call writefile(readfile(s:f, 'b'), s:ws . '/' . fnamemodify(s:f, ':t'), 'b')
endfor
call writefile(['# dateline workspace of the Vim test'], s:ws . '/dateline.toml')
call writefile(['A headline about nothing', '', 'Some text written on Tuesday about the meeting in Paris.'], s:ws . '/undated.txt')
execute 'edit ' . fnameescape(s:ws . '/004_5276c77493c331da.txt')
call s:Check(&filetype ==# 'text', 'seed opens as filetype text', &filetype)

ALELint

" ALE started `dateline lsp` for this project and finished initialize.
function! s:Connected() abort
  for [l:id, l:conn] in items(ale#lsp#GetConnections())
    if l:id =~# 'dateline' && get(l:conn, 'initialized', 0)
      return l:id
    endif
  endfor
  return ''
endfunction
let s:waited = 0
while empty(s:Connected()) && s:waited < s:timeout
  sleep 100m
  let s:waited += 100
endwhile
call s:Check(!empty(s:Connected()), 'ALE connected to dateline lsp (project root = the workspace)', keys(ale#lsp#GetConnections()))

" Diagnostics end to end today: an article without a publication date.
let s:seed_buf = bufnr('')
execute 'edit ' . fnameescape(s:ws . '/undated.txt')
ALELint
function! s:Undated() abort
  for l:item in ale#engine#GetLoclist(bufnr(''))
    if get(l:item, 'code', '') ==# 'missing-publication-date'
      return l:item
    endif
  endfor
  return {}
endfunction
let s:waited = 0
while empty(s:Undated()) && s:waited < s:timeout
  sleep 100m
  let s:waited += 100
endwhile
call s:Check(!empty(s:Undated()) && s:Undated().lnum == 1, 'missing-publication-date on an undated article (in ALE''s list)', ale#engine#GetLoclist(bufnr('')))
execute 'buffer ' . s:seed_buf

function! s:Spelling() abort
  for l:item in ale#engine#GetLoclist(bufnr(''))
    if get(l:item, 'code', '') ==# 'spelling-variant' && l:item.text =~# 'Pashin'
      return l:item
    endif
  endfor
  return {}
endfunction
let s:waited = 0
while empty(s:Spelling()) && s:waited < s:timeout
  sleep 100m
  let s:waited += 100
endwhile
let s:item = s:Spelling()
call s:Check(!empty(s:item), 'spelling-variant finding (Pashinyan vs Pashinian) in ALE''s list',
\ map(copy(ale#engine#GetLoclist(bufnr(''))), {_, v -> [get(v, 'code', ''), v.text]}), 'spelling')
if !empty(s:item)
  call s:Check(s:item.linter_name ==# 'dateline', 'reported by the dateline linter', s:item)
endif

call s:Finish()
