package loader

// readPlan reads a kế hoạch: its sections, tasks per agency, targets and
// appendix table.
func (p *docParser) readPlan(h header) error {
	return nil
}
