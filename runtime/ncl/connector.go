package ncl

// EventType is the kind of event a condition or action refers to.
type EventType string

// Event types. Specification: ITU-T H.761, 7.2.7 (Events).
const (
	EventPresentation EventType = "presentation"
	EventSelection    EventType = "selection"
	EventAttribution  EventType = "attribution"
	EventComposition  EventType = "composition"
)

// TransitionType is the state-machine transition a condition waits for:
// starts, stops, aborts, pauses, resumes.
type TransitionType string

// Transitions.
const (
	TransitionStarts  TransitionType = "starts"
	TransitionStops   TransitionType = "stops"
	TransitionAborts  TransitionType = "aborts"
	TransitionPauses  TransitionType = "pauses"
	TransitionResumes TransitionType = "resumes"
)

// ActionType is what an action does to its event: start, stop, abort,
// pause, resume (set is start on an attribution event).
type ActionType string

// Action types.
const (
	ActionStart  ActionType = "start"
	ActionStop   ActionType = "stop"
	ActionAbort  ActionType = "abort"
	ActionPause  ActionType = "pause"
	ActionResume ActionType = "resume"
)

// ConditionRole is the meaning of a reserved condition role name.
type ConditionRole struct {
	EventType  EventType
	Transition TransitionType
}

// ActionRole is the meaning of a reserved action role name.
type ActionRole struct {
	EventType  EventType
	ActionType ActionType
}

// ConditionRoles are the reserved condition role names and what they mean
// when eventType and transition are not given.
// Specification: ITU-T H.761, 7.2.8 (Connector roles), reserved roles.
var ConditionRoles = map[string]ConditionRole{
	"onBegin":             {EventPresentation, TransitionStarts},
	"onEnd":               {EventPresentation, TransitionStops},
	"onAbort":             {EventPresentation, TransitionAborts},
	"onPause":             {EventPresentation, TransitionPauses},
	"onResume":            {EventPresentation, TransitionResumes},
	"onSelection":         {EventSelection, TransitionStarts},
	"onBeginSelection":    {EventSelection, TransitionStarts},
	"onEndSelection":      {EventSelection, TransitionStops},
	"onAbortSelection":    {EventSelection, TransitionAborts},
	"onPauseSelection":    {EventSelection, TransitionPauses},
	"onResumeSelection":   {EventSelection, TransitionResumes},
	"onBeginAttribution":  {EventAttribution, TransitionStarts},
	"onEndAttribution":    {EventAttribution, TransitionStops},
	"onAbortAttribution":  {EventAttribution, TransitionAborts},
	"onPauseAttribution":  {EventAttribution, TransitionPauses},
	"onResumeAttribution": {EventAttribution, TransitionResumes},
}

// ActionRoles are the reserved action role names.
var ActionRoles = map[string]ActionRole{
	"start":  {EventPresentation, ActionStart},
	"stop":   {EventPresentation, ActionStop},
	"abort":  {EventPresentation, ActionAbort},
	"pause":  {EventPresentation, ActionPause},
	"resume": {EventPresentation, ActionResume},
	"set":    {EventAttribution, ActionStart},
}

// CausalConnector is a <causalConnector>: a relation with a condition part
// and an action part, bound to nodes by links.
// Specification: ITU-T H.761, 7.2.8 (Connectors functionality).
type CausalConnector struct {
	ID string
	// Params are the connectorParam children (Value holds the type attribute).
	Params    []Param
	Condition Condition
	Action    Action
	Pos
}

// Condition is *SimpleCondition or *CompoundCondition.
type Condition interface{ condition() }

// Action is *SimpleAction or *CompoundAction.
type Action interface{ action() }

// Statement is *AssessmentStatement or *CompoundStatement.
type Statement interface{ statement() }

// SimpleCondition is a <simpleCondition>. Values may be "$param".
type SimpleCondition struct {
	Role       string
	Delay      string
	EventType  EventType
	Key        string
	Transition TransitionType
	// Min and Max bound the number of binds of the role (Max -1: unbounded).
	Min, Max int
	// Qualifier (and, or) combines the binds of the role.
	Qualifier string
	Pos
}

// CompoundCondition is a <compoundCondition>: Operator (and, or) over
// Conditions, guarded by Statements.
type CompoundCondition struct {
	Operator   string
	Delay      string
	Conditions []Condition
	Statements []Statement
	Pos
}

// AssessmentStatement is an <assessmentStatement>: Attributes[0] compared
// (Comparator) with Attributes[1] or, when there is one, with Value.
type AssessmentStatement struct {
	Comparator string
	Attributes []AttributeAssessment
	Value      *ValueAssessment
	Pos
}

// AttributeAssessment is an <attributeAssessment>.
type AttributeAssessment struct {
	Role          string
	EventType     EventType
	Key           string
	AttributeType string
	Offset        string
	Pos
}

// ValueAssessment is a <valueAssessment>.
type ValueAssessment struct {
	Value string
	Pos
}

// CompoundStatement is a <compoundStatement>: Operator (and, or) over
// Statements, negated when IsNegated.
type CompoundStatement struct {
	Operator   string
	IsNegated  bool
	Statements []Statement
	Pos
}

// SimpleAction is a <simpleAction>. Values may be "$param".
type SimpleAction struct {
	Role        string
	Delay       string
	EventType   EventType
	ActionType  ActionType
	Value       string
	Duration    string
	By          string
	Repeat      string
	RepeatDelay string
	Min, Max    int
	// Qualifier (par, seq) orders the binds of the role.
	Qualifier string
	Pos
}

// CompoundAction is a <compoundAction>: Operator (seq, par) over Actions.
type CompoundAction struct {
	Operator string
	Delay    string
	Actions  []Action
	Pos
}

func (*SimpleCondition) condition()     {}
func (*CompoundCondition) condition()   {}
func (*SimpleAction) action()           {}
func (*CompoundAction) action()         {}
func (*AssessmentStatement) statement() {}
func (*CompoundStatement) statement()   {}

// Roles returns the role names of the connector with the kind of each:
// "condition", "action" or "attribute" (an attributeAssessment).
func (c *CausalConnector) Roles() map[string]string {
	out := map[string]string{}
	var cond func(Condition)
	var stmt func(Statement)
	stmt = func(s Statement) {
		switch s := s.(type) {
		case *AssessmentStatement:
			for _, a := range s.Attributes {
				if _, ok := out[a.Role]; !ok {
					out[a.Role] = "attribute"
				}
			}
		case *CompoundStatement:
			for _, x := range s.Statements {
				stmt(x)
			}
		}
	}
	cond = func(x Condition) {
		switch x := x.(type) {
		case *SimpleCondition:
			out[x.Role] = "condition"
		case *CompoundCondition:
			for _, y := range x.Conditions {
				cond(y)
			}
			for _, s := range x.Statements {
				stmt(s)
			}
		}
	}
	var act func(Action)
	act = func(a Action) {
		switch a := a.(type) {
		case *SimpleAction:
			out[a.Role] = "action"
		case *CompoundAction:
			for _, b := range a.Actions {
				act(b)
			}
		}
	}
	if c.Condition != nil {
		cond(c.Condition)
	}
	if c.Action != nil {
		act(c.Action)
	}
	return out
}

// SimpleConditions returns the simple conditions of c in document order.
func (c *CausalConnector) SimpleConditions() []*SimpleCondition {
	var out []*SimpleCondition
	var walk func(Condition)
	walk = func(x Condition) {
		switch x := x.(type) {
		case *SimpleCondition:
			out = append(out, x)
		case *CompoundCondition:
			for _, y := range x.Conditions {
				walk(y)
			}
		}
	}
	walk(c.Condition)
	return out
}

// SimpleActions returns the simple actions of c in document order.
func (c *CausalConnector) SimpleActions() []*SimpleAction {
	var out []*SimpleAction
	var walk func(Action)
	walk = func(x Action) {
		switch x := x.(type) {
		case *SimpleAction:
			out = append(out, x)
		case *CompoundAction:
			for _, y := range x.Actions {
				walk(y)
			}
		}
	}
	walk(c.Action)
	return out
}
