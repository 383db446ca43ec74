package web_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"
)

// A tiny W3C WebDriver client (https://www.w3.org/TR/webdriver2/), just what
// the explorer's browser test needs, so that the project takes on no new Go
// dependency to drive a browser.

// elementKey is the W3C name of the property that holds an element reference.
const elementKey = "element-6066-11e4-a52e-4f735466cecf"

// driver is a running chromedriver.
type driver struct {
	base   string // http://127.0.0.1:PORT
	client *http.Client
}

// session is one browser session of a driver.
type session struct {
	d  *driver
	id string
}

// wdError is an error answer of the WebDriver server ("no such element",
// "stale element reference", …).
type wdError struct {
	Command string
	Code    string `json:"error"`
	Message string `json:"message"`
}

func (e *wdError) Error() string {
	return fmt.Sprintf("webdriver %s: %s: %s", e.Command, e.Code, e.Message)
}

// syncBuffer is a bytes.Buffer that the driver process and the test may use
// at the same time.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startDriver runs chromedriver on a free loopback port until the test ends
// and waits until it is ready. Its output is logged when the test fails.
func startDriver(t *testing.T, bin string) *driver {
	t.Helper()
	port, err := freePort()
	if err != nil {
		t.Fatalf("find a free port for chromedriver: %v", err)
	}
	var out syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "--port="+strconv.Itoa(port))
	cmd.Stdout, cmd.Stderr = &out, &out
	// Ask chromedriver to stop (it then closes any browser it still has);
	// kill it only if it does not within WaitDelay.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatalf("start %s: %v", bin, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cancel()
		<-exited
		if t.Failed() {
			t.Logf("chromedriver output:\n%s", out.String())
		}
	})

	d := &driver{base: fmt.Sprintf("http://127.0.0.1:%d", port), client: &http.Client{Timeout: time.Minute}}
	deadline := time.Now().Add(20 * time.Second)
	for {
		var status struct {
			Ready bool `json:"ready"`
		}
		err := d.call(http.MethodGet, "/status", nil, &status)
		if err == nil && status.Ready {
			return d
		}
		select {
		case err := <-exited:
			t.Fatalf("chromedriver exited before it was ready: %v\n%s", err, out.String())
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("chromedriver not ready after 20s (last: %v)\n%s", err, out.String())
		}
	}
}

// freePort asks the kernel for a free loopback port. chromedriver takes its
// port as a flag, so the port is released again before chromedriver binds
// it; nothing else on a test machine races for it in between.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// call sends one WebDriver command and decodes the answer's value into out
// (when out is not nil).
func (d *driver) call(method, path string, in, out any) error {
	command := method + " " + path
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("webdriver %s: encode: %w", command, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, d.base+path, body)
	if err != nil {
		return fmt.Errorf("webdriver %s: %w", command, err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	res, err := d.client.Do(req)
	if err != nil {
		return fmt.Errorf("webdriver %s: %w", command, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		return fmt.Errorf("webdriver %s: read answer: %w", command, err)
	}
	var answer struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(raw, &answer); err != nil {
		return fmt.Errorf("webdriver %s: HTTP %d, not JSON: %.200s", command, res.StatusCode, raw)
	}
	if res.StatusCode != http.StatusOK {
		e := &wdError{Command: command}
		if err := json.Unmarshal(answer.Value, e); err != nil || e.Code == "" {
			return fmt.Errorf("webdriver %s: HTTP %d: %.200s", command, res.StatusCode, raw)
		}
		return e
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(answer.Value, out); err != nil {
		return fmt.Errorf("webdriver %s: decode %.200s: %w", command, answer.Value, err)
	}
	return nil
}

// newSession starts headless Chromium and ends it when the test ends.
func (d *driver) newSession(t *testing.T, chrome string) *session {
	t.Helper()
	caps := map[string]any{
		"capabilities": map[string]any{
			"alwaysMatch": map[string]any{
				"browserName": "chrome",
				"goog:chromeOptions": map[string]any{
					"binary": chrome,
					"args": []string{
						"--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
						"--window-size=1400,900", "--no-first-run", "--disable-extensions",
						// No host name resolves but the loopback server's: the
						// pages must work with no network at all.
						"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
						"--disable-background-networking", "--disable-component-update",
						"--disable-sync", "--no-default-browser-check",
					},
				},
				// The performance log holds every request the page makes,
				// so that a test can check none left the server's origin.
				"goog:loggingPrefs": map[string]string{"performance": "ALL"},
			},
		},
	}
	var created struct {
		SessionID string `json:"sessionId"`
	}
	if err := d.call(http.MethodPost, "/session", caps, &created); err != nil {
		t.Fatalf("start a browser session: %v", err)
	}
	s := &session{d: d, id: created.SessionID}
	t.Cleanup(func() {
		if err := d.call(http.MethodDelete, "/session/"+s.id, nil, nil); err != nil {
			t.Errorf("end the browser session: %v", err)
		}
	})
	return s
}

func (s *session) call(method, path string, in, out any) error {
	return s.d.call(method, "/session/"+s.id+path, in, out)
}

func (s *session) navigate(url string) error {
	return s.call(http.MethodPost, "/url", map[string]string{"url": url}, nil)
}

// findAll returns the references of the elements matching a CSS selector,
// none when nothing matches.
func (s *session) findAll(css string) ([]string, error) {
	var found []map[string]string
	if err := s.call(http.MethodPost, "/elements", map[string]string{"using": "css selector", "value": css}, &found); err != nil {
		return nil, err
	}
	refs := make([]string, len(found))
	for i, e := range found {
		refs[i] = e[elementKey]
	}
	return refs, nil
}

// find returns the first element matching a CSS selector.
func (s *session) find(css string) (string, error) {
	var found map[string]string
	if err := s.call(http.MethodPost, "/element", map[string]string{"using": "css selector", "value": css}, &found); err != nil {
		return "", err
	}
	return found[elementKey], nil
}

// findAllIn is findAll under the element el.
func (s *session) findAllIn(el, css string) ([]string, error) {
	var found []map[string]string
	if err := s.call(http.MethodPost, "/element/"+el+"/elements", map[string]string{"using": "css selector", "value": css}, &found); err != nil {
		return nil, err
	}
	refs := make([]string, len(found))
	for i, e := range found {
		refs[i] = e[elementKey]
	}
	return refs, nil
}

func (s *session) click(el string) error {
	return s.call(http.MethodPost, "/element/"+el+"/click", map[string]any{}, nil)
}

func (s *session) clear(el string) error {
	return s.call(http.MethodPost, "/element/"+el+"/clear", map[string]any{}, nil)
}

func (s *session) sendKeys(el, text string) error {
	return s.call(http.MethodPost, "/element/"+el+"/value", map[string]string{"text": text}, nil)
}

// text returns the element's rendered text.
func (s *session) text(el string) (string, error) {
	var text string
	err := s.call(http.MethodGet, "/element/"+el+"/text", nil, &text)
	return text, err
}

// attr returns an attribute of the element, "" when it has none.
func (s *session) attr(el, name string) (string, error) {
	var value *string
	if err := s.call(http.MethodGet, "/element/"+el+"/attribute/"+name, nil, &value); err != nil {
		return "", err
	}
	if value == nil {
		return "", nil
	}
	return *value, nil
}

// exec runs script (a function body; arguments in `arguments`) in the page
// and decodes what it returns into out.
func (s *session) exec(out any, script string, args ...any) error {
	if args == nil {
		args = []any{}
	}
	return s.call(http.MethodPost, "/execute/sync", map[string]any{"script": script, "args": args}, out)
}

// requestedURLs returns the URLs of the requests the browser sent since the
// last call, read from Chromium's performance log (Network.requestWillBeSent).
func (s *session) requestedURLs() ([]string, error) {
	var entries []struct{ Message string }
	if err := s.call(http.MethodPost, "/se/log", map[string]string{"type": "performance"}, &entries); err != nil {
		return nil, err
	}
	var urls []string
	for _, e := range entries {
		var m struct {
			Message struct {
				Method string
				Params struct{ Request struct{ URL string } }
			}
		}
		if err := json.Unmarshal([]byte(e.Message), &m); err != nil {
			return nil, fmt.Errorf("performance log entry %.100q: %w", e.Message, err)
		}
		if m.Message.Method == "Network.requestWillBeSent" {
			urls = append(urls, m.Message.Params.Request.URL)
		}
	}
	return urls, nil
}

// screenshot returns a PNG of the browser window.
func (s *session) screenshot() ([]byte, error) {
	var b64 string
	if err := s.call(http.MethodGet, "/screenshot", nil, &b64); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(b64)
}

// cdp runs a Chrome DevTools Protocol command in the session's page
// (ChromeDriver's goog/cdp/execute), for what WebDriver has no command for,
// such as emulating print media.
func (s *session) cdp(cmd string, params map[string]any) error {
	if params == nil {
		params = map[string]any{}
	}
	return s.call(http.MethodPost, "/goog/cdp/execute", map[string]any{"cmd": cmd, "params": params}, nil)
}

// printPDF returns the page printed as PDF (WebDriver's Print Page), A4
// with backgrounds, as a user's "Print to PDF" would give it.
func (s *session) printPDF() ([]byte, error) {
	var b64 string
	in := map[string]any{"background": true, "page": map[string]any{"width": 21.0, "height": 29.7}}
	if err := s.call(http.MethodPost, "/print", in, &b64); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(b64)
}
