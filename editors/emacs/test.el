;;; test.el --- headless test of the eglot setup against the real server  -*- lexical-binding: t -*-

;; DATELINE_BIN=target/debug/dateline timeout 120 emacs --batch -Q -l editors/emacs/test.el
;; Skips (exit 0 with a message) when eglot is not available.

(require 'package)
;; -Q skips Debian's site start files, which make system ELPA packages (elpa-eglot) visible.
(dolist (dir '("/usr/share/emacs/site-lisp/elpa" "/usr/share/emacs/site-lisp/elpa-src"))
  (when (file-directory-p dir) (add-to-list 'package-directory-list dir t)))
(package-initialize)
(unless (require 'eglot nil t)
  (message "SKIP: eglot is not installed (apt-get install elpa-eglot, or Emacs 29+)")
  (kill-emacs 0))

(defvar dateline-test-root
  (expand-file-name "../.." (file-name-directory (or load-file-name buffer-file-name))))
(let ((bin (getenv "DATELINE_BIN")))
  (setenv "DATELINE_BIN" (expand-file-name (or bin "target/debug/dateline") dateline-test-root)))
(defvar dateline-test-timeout
  (/ (string-to-number (or (getenv "DATELINE_TEST_TIMEOUT_MS") "20000")) 1000.0))

(defvar dateline-test-failures 0)
(defvar dateline-test-passes 0)
(defvar dateline-test-pendings 0)
(defvar dateline-test-pending
  (split-string (or (getenv "DATELINE_E2E_PENDING") "") "[ ,]+" t)
  "Checks whose server feature has not landed yet: reported, not failed.")
(defun dateline-test-check (ok what &optional got key)
  (cond (ok (setq dateline-test-passes (1+ dateline-test-passes))
            (princ (format "ok     %s\n" what)))
        ((member key dateline-test-pending)
         (setq dateline-test-pendings (1+ dateline-test-pendings))
         (princ (format "PENDING %s [%s]\n       received: %S\n" what key got)))
        (t (setq dateline-test-failures (1+ dateline-test-failures))
           (princ (format "FAILED %s\n       received: %S\n" what got))))
  ok)
(defun dateline-test-finish ()
  (princ (format "emacs e2e (Emacs %s, eglot %s): %d passed, %d failed, %d pending\n"
                 emacs-version
                 (let ((desc (cadr (assq 'eglot package-alist))))
                   (if desc (package-version-join (package-desc-version desc)) "built-in"))
                 dateline-test-passes dateline-test-failures dateline-test-pendings))
  (ignore-errors (let ((s (eglot-current-server))) (when s (eglot-shutdown s))))
  (kill-emacs (if (zerop dateline-test-failures) 0 1)))
(defun dateline-test-wait (pred)
  (let ((end (+ (float-time) dateline-test-timeout)))
    (while (and (not (funcall pred)) (< (float-time) end))
      (accept-process-output nil 0.1))
    (funcall pred)))

;; The setup snippet from editors/README.md.
(load (expand-file-name "editors/emacs/dateline-eglot.el" dateline-test-root) nil t)

;; Record what eglot receives (flymake reports asynchronously; this is what it is given).
(defvar dateline-test-diagnostics nil)
(advice-add 'eglot-handle-notification :before
            (lambda (_server method &rest params)
              (when (eq method 'textDocument/publishDiagnostics)
                (push (cons (plist-get params :uri) (plist-get params :diagnostics))
                      dateline-test-diagnostics))))

(defvar dateline-test-workspace nil)
;; A workspace of its own: copies of the seeds and a dateline.toml.
(let* ((ws (file-name-as-directory (make-temp-file "dateline-emacs-ws" t))))
  (dolist (f (directory-files (expand-file-name "seeds" dateline-test-root) t "\\.txt\\'"))
    (copy-file f (expand-file-name (file-name-nondirectory f) ws)))
  (with-temp-file (expand-file-name "dateline.toml" ws) (insert "# dateline workspace of the Emacs test\n"))
  (with-temp-file (expand-file-name "undated.txt" ws)
    (insert "A headline about nothing\n\nSome text written on Tuesday about the meeting in Paris.\n"))
  (setq dateline-test-workspace ws)
  (find-file (expand-file-name "004_5276c77493c331da.txt" ws)))

(dateline-test-check (derived-mode-p 'text-mode) "seed opens in text-mode" major-mode)
;; eglot-ensure connects from post-command-hook, which batch mode never runs.
(run-hooks 'post-command-hook)
(dateline-test-check (dateline-test-wait (lambda () (let ((s (eglot-current-server))) (and s (jsonrpc-running-p s)))))
                     "eglot connected to dateline lsp")
(unless (eglot-current-server) (dateline-test-finish))

;; Diagnostics end to end today: an article without a publication date.
(let ((seed-buffer (current-buffer)))
  (find-file (expand-file-name "undated.txt" dateline-test-workspace))
  (run-hooks 'post-command-hook)
  (dateline-test-check
   (dateline-test-wait
    (lambda ()
      (cl-loop for (uri . diags) in dateline-test-diagnostics
               thereis (and (string-match-p "undated\\.txt\\'" uri)
                            (cl-find "missing-publication-date" diags
                                     :key (lambda (d) (plist-get d :code)) :test #'equal)))))
   "missing-publication-date on an undated article (received by eglot)"
   dateline-test-diagnostics)
  (switch-to-buffer seed-buffer))

(defun dateline-test-spelling ()
  (cl-loop for (uri . diags) in dateline-test-diagnostics
           when (string-match-p "004_5276c77493c331da\\.txt\\'" uri)
           thereis (cl-find-if (lambda (d) (and (equal (plist-get d :code) "spelling-variant")
                                                (string-match-p "Pashin" (plist-get d :message))))
                               diags)))
(dateline-test-wait #'dateline-test-spelling)
(let ((d (dateline-test-spelling)))
  (when (dateline-test-check d "spelling-variant finding (Pashinyan vs Pashinian) received by eglot"
                             (mapcar (lambda (e) (cons (car e) (mapcar (lambda (d) (plist-get d :code)) (cdr e))))
                                     dateline-test-diagnostics)
                             "spelling")
    (dateline-test-check (cl-some (lambda (r) (string-match-p "001_406014d11440a5bc\\.txt"
                                                              (plist-get (plist-get r :location) :uri)))
                                  (plist-get d :relatedInformation))
                         "related information points at seed 001" (plist-get d :relatedInformation) "spelling")))

;; Hover on the publication date.
(goto-char (point-min))
(search-forward "October 09, 2020")
(goto-char (match-beginning 0))
(let ((hover (ignore-errors (jsonrpc-request (eglot-current-server) :textDocument/hover
                                             (eglot--TextDocumentPositionParams)))))
  (dateline-test-check (string-match-p "9 October 2020" (format "%S" (plist-get hover :contents)))
                       "hover on the publication date" hover))

;; Hover on "Pashinyan".
(goto-char (point-min))
(search-forward "Pashinyan said")
(goto-char (match-beginning 0))
(let* ((hover (ignore-errors (jsonrpc-request (eglot-current-server) :textDocument/hover
                                              (eglot--TextDocumentPositionParams))))
       (text (format "%S" (plist-get hover :contents))))
  (dateline-test-check (and (string-match-p "Nikol Pashin[iy]an" text) (string-match-p "001_406014d11440a5bc" text))
                       "hover on \"Pashinyan\" shows the canonical name and the other article" hover "entities"))

(dateline-test-finish)
;;; test.el ends here
