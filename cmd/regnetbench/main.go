// Command regnetbench measures GraphQL servers side by side on the same
// questions: it checks that the sides give the same answers, then, round
// after round and alternating sides, finds each side's throughput with a
// fixed number of connections and its latency at fixed request rates, and
// the CPU time Neo4j and each server spent per request (from /proc). It
// prints one Markdown table. scripts/bench starts what it measures.
//
// A side with another schema (the peer, loadtest/peer) is sent its own
// query file for a question (-ask) whose aliases give regnet's field names;
// answers are compared as sets of "field=value" leaves on the fields both
// give (see facts). With -peer NAME, every side's throughput is also given
// as a multiple of that side's.
//
//	regnetbench -side off=http://127.0.0.1:28501/graphql@PID \
//	    -side on=http://127.0.0.1:28502/graphql@PID \
//	    -question agency=loadtest/queries/agency.graphql -neo4j-pid PID
//
// With -repeated N DIR it writes the bundled documents N times over
// (datatest.Repeated) into DIR for `regnet load`, and exits.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/regnet/regnet/data/datatest"
	"github.com/regnet/regnet/loadtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "regnetbench:", err)
		os.Exit(1)
	}
}

// side is one server under test.
type side struct {
	name string
	url  string
	pid  int // 0: its CPU is not measured
	// queries overrides a question's query file for this side (a server
	// with another schema asks the same question in its own words).
	queries map[string]string
}

type question struct{ name, file string }

type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, " ") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("regnetbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sideArgs, questionArgs, overrides listFlag
	fs.Var(&sideArgs, "side", "NAME=URL[@PID]: a server to measure (repeatable); PID lets its CPU be read")
	fs.Var(&questionArgs, "question", "NAME=FILE: a GraphQL query file every side is asked (repeatable)")
	fs.Var(&overrides, "ask", "SIDE:QUESTION=FILE: the file SIDE is sent for QUESTION instead (repeatable)")
	neo4jPid := fs.Int("neo4j-pid", 0, "pid of the Neo4j process, to read its CPU time")
	rounds := fs.Int("rounds", 3, "rounds; each measures every side once per question, in alternating order")
	clients := fs.Int("c", 20, "most connections, and clients of the throughput runs")
	dur := fs.Duration("d", 10*time.Second, "length of each run")
	rates := fs.String("rates", "50,150", "fixed request rates (req/s), comma-separated")
	warmup := fs.Duration("warmup", 3*time.Second, "before the rounds, each side answers each question for this long, not measured: Neo4j compiles a statement's plan and the JVM its code on first use")
	peer := fs.String("peer", "", "a side's name: every other side's max req/s is also given as a multiple of that side's, round by round")
	repeated := fs.Int("repeated", 0, "write the bundled documents this many times over into the folder given as argument, and exit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *repeated > 0 {
		if fs.NArg() != 1 {
			return errors.New("-repeated N takes one folder")
		}
		return writeRepeated(*repeated, fs.Arg(0))
	}
	sides, err := parseSides(sideArgs, overrides)
	if err != nil {
		return err
	}
	var questions []question
	for _, q := range questionArgs {
		name, file, ok := strings.Cut(q, "=")
		if !ok {
			return fmt.Errorf("-question %q: want NAME=FILE", q)
		}
		questions = append(questions, question{name, file})
	}
	if len(sides) == 0 || len(questions) == 0 {
		return errors.New("give at least one -side and one -question")
	}
	var rateList []float64
	for _, r := range strings.Split(*rates, ",") {
		f, err := strconv.ParseFloat(strings.TrimSpace(r), 64)
		if err != nil || f <= 0 {
			return fmt.Errorf("-rates: %q is not a rate", r)
		}
		rateList = append(rateList, f)
	}

	b := &bench{peer: *peer, clients: *clients, dur: *dur, neo4jPid: *neo4jPid, rates: rateList,
		results: map[string]*measure{}, client: &http.Client{Transport: &http.Transport{
			MaxIdleConnsPerHost: *clients, MaxConnsPerHost: *clients}, Timeout: 30 * time.Second}}
	fmt.Fprintf(stdout, "load average at start: %s\n", loadAvg())
	for _, q := range questions {
		if err := b.check(ctx, q, sides, stdout); err != nil {
			return err
		}
	}
	if *warmup > 0 {
		for _, q := range questions {
			for _, s := range sides {
				if err := b.warm(ctx, q, s, *warmup); err != nil {
					return fmt.Errorf("warming %s on %s: %w", q.name, s.name, err)
				}
			}
		}
		fmt.Fprintf(stderr, "warmed up, load average %s\n", loadAvg())
	}
	for round := range *rounds {
		for _, q := range questions {
			order := slices.Clone(sides)
			if round%2 == 1 {
				slices.Reverse(order)
			}
			for _, s := range order {
				if err := b.measure(ctx, q, s); err != nil {
					return fmt.Errorf("%s on %s: %w", q.name, s.name, err)
				}
			}
		}
		fmt.Fprintf(stderr, "round %d done, load average %s\n", round+1, loadAvg())
	}
	fmt.Fprintf(stdout, "load average at end: %s\n\n", loadAvg())
	b.print(stdout, questions, sides)
	return nil
}

func parseSides(args, overrides []string) ([]*side, error) {
	var sides []*side
	byName := map[string]*side{}
	for _, a := range args {
		name, rest, ok := strings.Cut(a, "=")
		if !ok {
			return nil, fmt.Errorf("-side %q: want NAME=URL[@PID]", a)
		}
		s := &side{name: name, url: rest, queries: map[string]string{}}
		if u, pid, ok := strings.Cut(rest, "@"); ok {
			n, err := strconv.Atoi(pid)
			if err != nil {
				return nil, fmt.Errorf("-side %q: pid %q is not a number", a, pid)
			}
			s.url, s.pid = u, n
		}
		sides = append(sides, s)
		byName[name] = s
	}
	for _, o := range overrides {
		sq, file, ok := strings.Cut(o, "=")
		sn, qn, ok2 := strings.Cut(sq, ":")
		if !ok || !ok2 || byName[sn] == nil {
			return nil, fmt.Errorf("-ask %q: want SIDE:QUESTION=FILE for a known side", o)
		}
		byName[sn].queries[qn] = file
	}
	return sides, nil
}

func writeRepeated(n int, dir string) error {
	files, err := datatest.Repeated(n)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", f.Name, err)
		}
	}
	return nil
}

type bench struct {
	peer     string // the side the others are compared with; "" for none
	clients  int
	dur      time.Duration
	neo4jPid int
	rates    []float64
	client   *http.Client
	results  map[string]*measure // by question + "\x00" + side
}

// measure collects one side's figures on one question over the rounds.
type measure struct {
	maxRPS     []float64
	neo4jMS    []float64 // Neo4j CPU ms per request in the throughput runs
	serverMS   []float64 // the server's CPU ms per request
	p50, p99   map[float64][]time.Duration
	errs       int
	firstError string
}

func (b *bench) body(q question, s *side) ([]byte, error) {
	file := q.file
	if f, ok := s.queries[q.name]; ok {
		file = f
	}
	text, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return loadtest.NewBody(string(text), nil)
}

// check asks every side the question once and compares the answers' data
// after normalising them (see facts): the figures mean something only for
// the same answers. A side whose schema differs asks in its own words
// (-ask) and aliases its fields to the first side's names.
func (b *bench) check(ctx context.Context, q question, sides []*side, stdout io.Writer) error {
	var first map[string]bool
	for _, s := range sides {
		body, err := b.body(q, s)
		if err != nil {
			return err
		}
		out, err := (&loadtest.Request{URL: s.url, Body: body, Client: b.client}).Send(ctx)
		if err != nil {
			return fmt.Errorf("%s on %s: %w", q.name, s.name, err)
		}
		var resp struct {
			Data   any `json:"data"`
			Errors []struct {
				Message string `json:"message"`
			} `json:"errors"`
		}
		if err := json.Unmarshal(out, &resp); err != nil {
			return fmt.Errorf("%s on %s: %w", q.name, s.name, err)
		}
		if len(resp.Errors) > 0 {
			return fmt.Errorf("%s on %s: %s", q.name, s.name, resp.Errors[0].Message)
		}
		got := facts(resp.Data)
		if first == nil {
			first = got
			continue
		}
		ignored, missing, extra := compareFacts(first, got)
		if len(missing)+len(extra) > 0 {
			return fmt.Errorf("%s: %s answers differently from %s: %d facts missing (e.g. %s), %d more (e.g. %s)",
				q.name, s.name, sides[0].name, len(missing), sample(missing), len(extra), sample(extra))
		}
		if len(ignored) > 0 {
			fmt.Fprintf(stdout, "  %s on %s: fields only one side gives, not compared: %s\n", q.name, s.name, strings.Join(ignored, ", "))
		}
	}
	fmt.Fprintf(stdout, "answers equal: %s (%d distinct facts)\n", q.name, len(first))
	return nil
}

// facts normalises an answer's data to the set of its scalar leaves, each
// written "field=value" with the name of the field that holds it. Lists and
// the objects around a leaf are flattened away, so a one-to-one link that
// one schema gives as an object and another as a list of one, a connection
// with or without edges, or a different order of a list, all give the same
// set; null leaves are left out. Two answers with the same facts name the
// same agencies, duties, provisions and values, though a fact's place in
// the tree is not compared.
func facts(data any) map[string]bool {
	out := map[string]bool{}
	var walk func(field string, v any)
	walk = func(field string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				walk(k, x)
			}
		case []any:
			for _, x := range v {
				walk(field, x)
			}
		case nil:
		default:
			b, _ := json.Marshal(v)
			out[field+"="+string(b)] = true
		}
	}
	walk("", data)
	return out
}

// compareFacts compares two sets of facts on the fields both give: the
// fields only one gives (a cursor, a score) are returned as ignored.
func compareFacts(a, b map[string]bool) (ignored, missing, extra []string) {
	fields := func(m map[string]bool) map[string]bool {
		f := map[string]bool{}
		for k := range m {
			name, _, _ := strings.Cut(k, "=")
			f[name] = true
		}
		return f
	}
	fa, fb := fields(a), fields(b)
	for f := range fa {
		if !fb[f] {
			ignored = append(ignored, f)
		}
	}
	for f := range fb {
		if !fa[f] {
			ignored = append(ignored, f)
		}
	}
	shared := func(k string) bool { name, _, _ := strings.Cut(k, "="); return fa[name] && fb[name] }
	for k := range a {
		if shared(k) && !b[k] {
			missing = append(missing, k)
		}
	}
	for k := range b {
		if shared(k) && !a[k] {
			extra = append(extra, k)
		}
	}
	slices.Sort(ignored)
	slices.Sort(missing)
	slices.Sort(extra)
	return ignored, missing, extra
}

func sample(xs []string) string {
	if len(xs) == 0 {
		return "none"
	}
	s := xs[0]
	if len(s) > 120 {
		s = s[:120] + "…"
	}
	return s
}

func (b *bench) measure(ctx context.Context, q question, s *side) error {
	key := q.name + "\x00" + s.name
	m := b.results[key]
	if m == nil {
		m = &measure{p50: map[float64][]time.Duration{}, p99: map[float64][]time.Duration{}}
		b.results[key] = m
	}
	body, err := b.body(q, s)
	if err != nil {
		return err
	}
	req := loadtest.Request{URL: s.url, Body: body, Client: b.client}
	note := func(r *loadtest.Result) {
		m.errs += r.Errors()
		if m.firstError == "" {
			m.firstError = r.FirstError
		}
	}
	// Throughput: every client sends its next request when answered.
	n0, s0 := cpuTicks(b.neo4jPid), cpuTicks(s.pid)
	res, err := loadtest.Run(ctx, loadtest.Config{Request: req, Clients: b.clients, Duration: b.dur})
	if err != nil {
		return err
	}
	note(res)
	n1, s1 := cpuTicks(b.neo4jPid), cpuTicks(s.pid)
	m.maxRPS = append(m.maxRPS, res.Throughput())
	if res.Requests > 0 {
		m.neo4jMS = append(m.neo4jMS, ticksMS(n1-n0)/float64(res.Requests))
		m.serverMS = append(m.serverMS, ticksMS(s1-s0)/float64(res.Requests))
	}
	for _, rate := range b.rates {
		res, err := loadtest.Run(ctx, loadtest.Config{Request: req, Clients: b.clients, Duration: b.dur, Rate: rate})
		if err != nil {
			return err
		}
		note(res)
		m.p50[rate] = append(m.p50[rate], res.Latency.P50)
		m.p99[rate] = append(m.p99[rate], res.Latency.P99)
	}
	return nil
}

// warm sends q to s from every client for d, and forgets the results.
func (b *bench) warm(ctx context.Context, q question, s *side, d time.Duration) error {
	body, err := b.body(q, s)
	if err != nil {
		return err
	}
	_, err = loadtest.Run(ctx, loadtest.Config{Request: loadtest.Request{URL: s.url, Body: body, Client: b.client}, Clients: b.clients, Duration: d})
	return err
}

// cpuTicks is the user and system CPU time of a process, in clock ticks
// (1/100 s on Linux); 0 when pid is 0 or cannot be read.
func cpuTicks(pid int) int64 {
	if pid == 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name may hold spaces; the fields after it are fixed.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return utime + stime
}

func ticksMS(t int64) float64 { return float64(t) * 10 }

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

func (b *bench) print(w io.Writer, questions []question, sides []*side) {
	fmt.Fprintf(w, "| question | side | max req/s (%d conns) |", b.clients)
	if b.peer != "" {
		fmt.Fprintf(w, " ÷ %s |", b.peer)
	}
	fmt.Fprint(w, " Neo4j CPU ms/req | server CPU ms/req |")
	for _, r := range b.rates {
		fmt.Fprintf(w, " p50 @%g/s | p99 @%g/s |", r, r)
	}
	fmt.Fprintln(w, " errors |")
	fmt.Fprint(w, "|---|---|---:|---:|---:|")
	if b.peer != "" {
		fmt.Fprint(w, "---:|")
	}
	for range b.rates {
		fmt.Fprint(w, "---:|---:|")
	}
	fmt.Fprintln(w, "---:|")
	for _, q := range questions {
		for _, s := range sides {
			m := b.results[q.name+"\x00"+s.name]
			if m == nil {
				continue
			}
			fmt.Fprintf(w, "| %s | %s | %s |", q.name, s.name, span(m.maxRPS, "%.0f"))
			if b.peer != "" {
				fmt.Fprintf(w, " %s |", span(ratios(m.maxRPS, b.results[q.name+"\x00"+b.peer]), "%.2f"))
			}
			fmt.Fprintf(w, " %s | %s |", span(m.neo4jMS, "%.2f"), span(m.serverMS, "%.2f"))
			for _, r := range b.rates {
				fmt.Fprintf(w, " %s | %s |", durSpan(m.p50[r]), durSpan(m.p99[r]))
			}
			fmt.Fprintf(w, " %d |\n", m.errs)
		}
	}
	for _, q := range questions {
		for _, s := range sides {
			if m := b.results[q.name+"\x00"+s.name]; m != nil && m.firstError != "" {
				fmt.Fprintf(w, "\nfirst error, %s on %s: %s\n", q.name, s.name, m.firstError)
			}
		}
	}
}

// ratios divides each round's throughput by the peer's in the same round:
// the sides of one round ran next to each other, under the same load of
// the machine.
func ratios(rps []float64, peer *measure) []float64 {
	if peer == nil {
		return nil
	}
	var out []float64
	for i, x := range rps {
		if i < len(peer.maxRPS) && peer.maxRPS[i] > 0 {
			out = append(out, x/peer.maxRPS[i])
		}
	}
	return out
}

// span prints the lowest and highest of xs over the rounds.
func span(xs []float64, format string) string {
	if len(xs) == 0 {
		return "—"
	}
	lo, hi := slices.Min(xs), slices.Max(xs)
	if fmt.Sprintf(format, lo) == fmt.Sprintf(format, hi) {
		return fmt.Sprintf(format, lo)
	}
	return fmt.Sprintf(format+"–"+format, lo, hi)
}

func durSpan(ds []time.Duration) string {
	ms := make([]float64, len(ds))
	for i, d := range ds {
		ms[i] = float64(d.Microseconds()) / 1000
	}
	return span(ms, "%.1f") + " ms"
}
