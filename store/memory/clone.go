package memory

import (
	"slices"

	"github.com/regnet/regnet"
)

// The clone functions copy a record with its lists and pointed-to values, so
// that neither the dataset New was given nor the values a method returns
// share memory with the store.

func ptr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

func clonePlain[T regnet.Province | regnet.Field | regnet.Area](x *T) *T { return ptr(x) }

func cloneDocument(x *regnet.Document) *regnet.Document {
	c := *x
	c.Number, c.Issued, c.Effective, c.Signer = ptr(x.Number), ptr(x.Issued), ptr(x.Effective), ptr(x.Signer)
	c.EffectiveRule = ptr(x.EffectiveRule)
	c.BasedOn, c.Replaces, c.Mentions = slices.Clone(x.BasedOn), slices.Clone(x.Replaces), slices.Clone(x.Mentions)
	c.Period = slices.Clone(x.Period)
	return &c
}

func cloneProvision(x *regnet.Provision) *regnet.Provision {
	c := *x
	c.Chapter, c.Article, c.Clause, c.Point, c.Parent = ptr(x.Chapter), ptr(x.Article), ptr(x.Clause), ptr(x.Point), ptr(x.Parent)
	return &c
}

func cloneAgency(x *regnet.Agency) *regnet.Agency {
	c := *x
	c.Parent, c.Successor = ptr(x.Parent), ptr(x.Successor)
	c.Aliases = slices.Clone(x.Aliases)
	return &c
}

func cloneDuty(x *regnet.Duty) *regnet.Duty {
	c := *x
	c.Fields, c.Areas, c.Partners = slices.Clone(x.Fields), slices.Clone(x.Areas), slices.Clone(x.Partners)
	c.ReportsTo, c.Evidence = slices.Clone(x.ReportsTo), slices.Clone(x.Evidence)
	return &c
}

func cloneHandoff(x *regnet.Handoff) *regnet.Handoff {
	c := *x
	c.Notifies, c.TransfersTo, c.Actions = slices.Clone(x.Notifies), slices.Clone(x.TransfersTo), slices.Clone(x.Actions)
	c.Leaving, c.Entering = slices.Clone(x.Leaving), slices.Clone(x.Entering)
	return &c
}

func clonePlanAction(x *regnet.PlanAction) *regnet.PlanAction {
	c := *x
	c.Deadline.Date, c.Deadline.Precision = ptr(x.Deadline.Date), ptr(x.Deadline.Precision)
	c.Leads, c.Coordinators, c.Amends = slices.Clone(x.Leads), slices.Clone(x.Coordinators), slices.Clone(x.Amends)
	c.AmendsProvisions = slices.Clone(x.AmendsProvisions)
	return &c
}

func cloneTarget(x *regnet.Target) *regnet.Target {
	c := *x
	c.Year, c.Percent = ptr(x.Year), ptr(x.Percent)
	return &c
}

func cloneSchedule(x *regnet.Schedule) *regnet.Schedule {
	c := *x
	c.Agencies, c.To, c.By = slices.Clone(x.Agencies), slices.Clone(x.To), ptr(x.By)
	return &c
}
