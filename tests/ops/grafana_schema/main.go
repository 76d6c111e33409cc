// Command grafana-schema-check strictly unmarshals Grafana dashboards with the types Grafana
// publishes for them (github.com/grafana/grafana-foundation-sdk, generated from Grafana's own
// schemas): an unknown key, a value of the wrong type or a missing required field (a geomap
// panel without its view, controls, basemap or layers) is an error.
//
//	go run . DASHBOARD.json ...
//
// Prints one line per dashboard; exits 1 if any has an error, 2 on bad usage.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/grafana/grafana-foundation-sdk/go/bargauge"
	"github.com/grafana/grafana-foundation-sdk/go/cog"
	"github.com/grafana/grafana-foundation-sdk/go/cog/variants"
	"github.com/grafana/grafana-foundation-sdk/go/dashboard"
	"github.com/grafana/grafana-foundation-sdk/go/geomap"
	"github.com/grafana/grafana-foundation-sdk/go/prometheus"
	"github.com/grafana/grafana-foundation-sdk/go/stat"
	"github.com/grafana/grafana-foundation-sdk/go/table"
	"github.com/grafana/grafana-foundation-sdk/go/timeseries"
)

// register gives the SDK the schemas of the panel types and the query type our dashboards use.
// Only these, rather than every plugin (cog/plugins): compiling all of them takes minutes on a
// small machine. A panel of another type is reported, so that it gets added here and checked.
func register() {
	runtime := cog.NewRuntime()
	for _, config := range []variants.PanelcfgConfig{bargauge.VariantConfig(), geomap.VariantConfig(),
		stat.VariantConfig(), table.VariantConfig(), timeseries.VariantConfig()} {
		runtime.RegisterPanelcfgVariant(config)
	}
	runtime.RegisterDataqueryVariant(prometheus.VariantConfig())
}

// unregistered lists panels whose type has no schema registered: the SDK would accept any
// options for them without a word.
func unregistered(raw []byte) []string {
	var board struct {
		Panels []struct {
			Type   string `json:"type"`
			Title  string `json:"title"`
			Panels []struct {
				Type  string `json:"type"`
				Title string `json:"title"`
			} `json:"panels"`
		} `json:"panels"`
	}
	if err := json.Unmarshal(raw, &board); err != nil {
		return nil // the strict unmarshal reports it
	}
	var found []string
	seen := func(kind, title string) {
		if _, ok := cog.ConfigForPanelcfgVariant(kind); !ok && kind != "row" {
			found = append(found, fmt.Sprintf("panel %q: type %q has no schema registered in this check", title, kind))
		}
	}
	for _, panel := range board.Panels {
		seen(panel.Type, panel.Title)
		for _, inner := range panel.Panels {
			seen(inner.Type, inner.Title)
		}
	}
	return found
}

// problems turns the SDK's error into readable lines. A strict unmarshal that found nothing
// returns a typed nil: a non-nil error interface holding an empty cog.BuildErrors, whose
// message is empty. That is success, and must not be reported as a failure without a reason.
func problems(err error) []string {
	if err == nil {
		return nil
	}
	var buildErrs cog.BuildErrors
	if errors.As(err, &buildErrs) {
		lines := make([]string, 0, len(buildErrs))
		for _, buildErr := range buildErrs {
			lines = append(lines, fmt.Sprintf("%s: %s", buildErr.Path, buildErr.Message))
		}
		return lines
	}
	if err.Error() == "" {
		return []string{"error without a message (" + fmt.Sprintf("%T", err) + ")"}
	}
	return []string{err.Error()}
}

func check(path string) []string {
	raw, err := os.ReadFile(path)
	if err != nil {
		return []string{err.Error()}
	}
	board := &dashboard.Dashboard{}
	found := problems(board.UnmarshalJSONStrict(raw))
	found = append(found, unregistered(raw)...)
	if len(found) == 0 && (board.Title == nil || len(board.Panels) == 0) {
		found = append(found, "no title or no panels: not a dashboard")
	}
	return found
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: grafana-schema-check DASHBOARD.json ...")
		os.Exit(2)
	}
	// Panel options (geomap, timeseries, stat...) are checked by their own plugin's types.
	register()
	failed := false
	for _, path := range os.Args[1:] {
		found := check(path)
		if len(found) == 0 {
			fmt.Printf("%s: valid\n", path)
			continue
		}
		failed = true
		fmt.Printf("%s: INVALID\n", path)
		for _, line := range found {
			fmt.Printf("  %s\n", line)
		}
	}
	if failed {
		os.Exit(1)
	}
}
