;;; dateline-eglot.el --- dateline with eglot (Emacs 28 + elpa-eglot, Emacs 29+ built in)  -*- lexical-binding: t -*-

;; Put this in your init file (or load it).  It starts `dateline lsp' for
;; text and Markdown buffers inside a folder that has a `dateline.toml' at
;; its root (or above), and leaves other text files alone.

(require 'eglot)

(add-to-list 'eglot-server-programs
             `((text-mode markdown-mode gfm-mode)
               . (,(or (getenv "DATELINE_BIN") "dateline") "lsp"
                  :initializationOptions (:customTokenTypes t))))

(defun dateline-eglot-maybe-start ()
  "Start eglot when the buffer's file is inside a dateline workspace."
  (when (and buffer-file-name (locate-dominating-file buffer-file-name "dateline.toml"))
    (eglot-ensure)))

(add-hook 'text-mode-hook #'dateline-eglot-maybe-start)

(provide 'dateline-eglot)
;;; dateline-eglot.el ends here
