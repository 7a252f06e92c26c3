;;; emacs_test.el --- headless Emacs + eglot end-to-end test of corroborate  -*- lexical-binding: t -*-

;; Run by tests/e2e/emacs.sh: `emacs --batch -l emacs_test.el' with E2E_DRAFT (a draft in a
;; workspace with seeds/) and E2E_README (the repository's README.md) in the environment and
;; `corroborate' on PATH.  Evaluates the README's Emacs (eglot) configuration as it stands,
;; opens the draft, starts eglot as M-x eglot does, waits for corroborate's diagnostics through
;; Flymake, hovers the misspelt name through eglot's ElDoc function, then shuts the server
;; down.  Writes what it sees and every failure to stderr; exits 1 on a failure.

(require 'cl-lib)
(require 'subr-x)

(defvar e2e-failures nil "What failed, newest first.")
(defvar e2e-server nil "The eglot server, once connected.")

(defun e2e-log (fmt &rest args)
  (princ (concat (apply #'format fmt args) "\n") #'external-debugging-output))

(defun e2e-check (ok what)
  (unless ok (push what e2e-failures))
  ok)

(defun e2e-wait (pred seconds)
  "Let processes run until PRED is non-nil or SECONDS pass; return PRED's value."
  (let ((deadline (+ (float-time) seconds)) v)
    (while (and (not (setq v (funcall pred))) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    v))

(defun e2e-readme-config (readme)
  "The forms of the elisp block of README's `### Emacs (eglot)' section."
  (with-temp-buffer
    (insert-file-contents readme)
    (goto-char (point-min))
    (unless (re-search-forward "^### Emacs (eglot)" nil t)
      (error "%s has no `### Emacs (eglot)' section" readme))
    (let ((section-end (save-excursion (if (re-search-forward "^##" nil t) (match-beginning 0) (point-max)))))
      (unless (re-search-forward "^```elisp\n" section-end t)
        (error "the Emacs (eglot) section of %s has no ```elisp block" readme))
      (let* ((beg (point))
             (end (progn (re-search-forward "^```$" section-end) (match-beginning 0)))
             (text (buffer-substring-no-properties beg end))
             (pos 0) forms)
        (condition-case nil
            (while t
              (let ((r (read-from-string text pos)))
                (push (car r) forms)
                (setq pos (cdr r))))
          (end-of-file nil))
        (nreverse forms)))))

(defun e2e-server-log (server)
  "The tail of SERVER's events and stderr buffers, for a failure report."
  (let ((tail (lambda (buf)
                (when (buffer-live-p buf)
                  (with-current-buffer buf
                    (buffer-substring-no-properties (max (point-min) (- (point-max) 4000)) (point-max)))))))
    (when server
      (e2e-log "--- eglot events (tail):\n%s" (or (funcall tail (jsonrpc-events-buffer server)) ""))
      (e2e-log "--- server stderr (tail):\n%s"
               (or (funcall tail (get-buffer (format " *%s stderr*" (jsonrpc-name server)))) "")))))

(defun e2e-diag-code (d)
  (plist-get (alist-get 'eglot-lsp-diag (flymake-diagnostic-data d)) :code))

(defun e2e-diag-at (d)
  "D's start as (LINE COLUMN), both from 1 as the CLI prints them, and its text."
  (save-excursion
    (goto-char (flymake-diagnostic-beg d))
    (list (line-number-at-pos) (1+ (current-column))
          (buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d)))))

(defun e2e-run ()
  (let ((draft (getenv "E2E_DRAFT"))
        (readme (getenv "E2E_README"))
        server)
    (require 'eglot)
    (e2e-log "== Emacs %s, eglot from %s" emacs-version (locate-library "eglot"))
    ;; The README's configuration, as a writer would put it in init.el.
    (dolist (form (e2e-readme-config readme))
      (e2e-log "README config: %S" form)
      (eval form t))
    (find-file draft)
    (e2e-check (derived-mode-p 'text-mode)
               (format "the draft opens in a text-mode (got %s)" major-mode))
    ;; M-x eglot in the draft.
    (call-interactively #'eglot)
    (setq server (e2e-wait (lambda () (and (bound-and-true-p eglot--managed-mode) (eglot-current-server))) 30)
          e2e-server server)
    (when (e2e-check server "eglot connected to corroborate and manages the draft")
      (e2e-log "server: %s, %S" (jsonrpc-name server) (process-command (jsonrpc--process server)))
      (e2e-check (equal (car (process-command (jsonrpc--process server))) "corroborate")
                 "eglot started `corroborate' from the README's configuration")
      ;; Diagnostics, through Flymake as the writer sees them.
      (let* ((wanted '("name-variant" "date-weekday" "duration-conflict"))
             (got (e2e-wait (lambda ()
                              (let ((codes (mapcar #'e2e-diag-code (flymake-diagnostics))))
                                (cl-every (lambda (c) (member c codes)) wanted)))
                            60))
             (diags (flymake-diagnostics)))
        (dolist (d diags)
          (e2e-log "diagnostic %S %s: %s" (e2e-diag-at d) (flymake-diagnostic-type d) (flymake-diagnostic-text d)))
        (e2e-check got (format "Flymake shows corroborate's name-variant, date-weekday and duration-conflict (got %d: %S)"
                               (length diags) (mapcar #'e2e-diag-code diags)))
        (let ((find (lambda (code text)
                      (cl-find-if (lambda (d) (and (equal (e2e-diag-code d) code)
                                                   (equal (nth 2 (e2e-diag-at d)) text)))
                                  diags))))
          (let ((d (funcall find "name-variant" "Vladimir Puttin")))
            (e2e-check (and d (equal (e2e-diag-at d) '(7 16 "Vladimir Puttin")))
                       "a name-variant on `Vladimir Puttin', line 7 column 16 to 30")
            (e2e-check (and d (string-prefix-p "corroborate [name-variant]: " (flymake-diagnostic-text d))
                            (string-match-p (regexp-quote "Vladimir Putin") (flymake-diagnostic-text d)))
                       "the name-variant message names corroborate and the sources' spelling `Vladimir Putin'")
            (e2e-check (and d (eq (flymake-diagnostic-type d) 'eglot-warning)) "the name-variant is a warning"))
          (let ((d (funcall find "date-weekday" "Kamis (12/2/2025)")))
            (e2e-check (and d (equal (e2e-diag-at d) '(11 30 "Kamis (12/2/2025)")))
                       "a date-weekday on `Kamis (12/2/2025)', line 11 column 30"))
          (e2e-check (funcall find "duration-conflict" "dua jam")
                     "a duration-conflict on `dua jam'")))
      ;; Hover the misspelt name: eglot's ElDoc function, as M-x eldoc-doc-buffer shows it.
      (goto-char (point-min))
      (when (e2e-check (search-forward "Puttin" nil t) "the draft has `Vladimir Puttin' to hover")
        (goto-char (match-beginning 0))
        (let (hover)
          (eglot-hover-eldoc-function (lambda (info &rest _) (setq hover (or info ""))))
          (e2e-wait (lambda () hover) 30)
          (setq hover (or hover ""))
          (e2e-log "hover: %s" (replace-regexp-in-string "\n" " | " hover))
          (e2e-check (string-match-p (regexp-quote "Vladimir Puttin") hover) "the hover card is about `Vladimir Puttin'")
          (e2e-check (string-match-p (regexp-quote "Vladimir Putin") hover) "the hover card names the sources' spelling `Vladimir Putin'")))
      ;; The README's :initializationOptions reach the server: inlay hints are on.
      (let* ((hints (jsonrpc-request server :textDocument/inlayHint
                                     (list :textDocument (eglot--TextDocumentIdentifier)
                                           :range (list :start '(:line 0 :character 0)
                                                        :end (eglot--pos-to-lsp-position (point-max))))
                                     :timeout 30))
             (labels (mapcar (lambda (h)
                               (let ((l (plist-get h :label)))
                                 (if (stringp l) l (mapconcat (lambda (p) (plist-get p :value)) l ""))))
                             hints)))
        (e2e-log "inlay hints: %S" labels)
        (e2e-check (cl-some (lambda (l) (string-match-p "Jan 2025" l)) labels)
                   "the README's :initializationOptions (:inlayHints t) reached the server: an inlay hint resolves `bulan lalu' to Jan 2025")))
    (when e2e-failures (e2e-server-log server))
    (setq e2e-server nil)
    ;; M-x eglot-shutdown. eglot 1.9 sends `shutdown' with "params": null (the protocol says
    ;; none); the server takes it as parameterless and answers it, so eglot-shutdown raises no
    ;; error (it did when tower-lsp answered -32602). eglot then ends the process itself
    ;; (jsonrpc-shutdown deletes it right after `exit'), so its status is only logged.
    (when (and server (jsonrpc-running-p server))
      (let ((proc (jsonrpc--process server)))
        (condition-case err
            (eglot-shutdown server nil 10)
          (error (push (format "M-x eglot-shutdown failed: %s" (error-message-string err)) e2e-failures)))
        (e2e-log "server after eglot-shutdown: %s %s" (process-status proc) (process-exit-status proc))
        (when (process-live-p proc) (delete-process proc))))))

(condition-case err
    (e2e-run)
  (error (push (format "error: %s" (error-message-string err)) e2e-failures)
         (ignore-errors (e2e-server-log e2e-server))))
(if e2e-failures
    (progn (e2e-log "FAILED: %s" (string-join (reverse e2e-failures) "; "))
           (kill-emacs 1))
  (e2e-log "emacs e2e: all checks passed")
  (kill-emacs 0))
