// The "which activity?" choice of a form (calls, walks): the catalogue's activities by name,
// "none" first, and an activity that left the catalogue stays selectable on the entry that
// names it (G11: the entry keeps its snapshot of the names).
import { Field } from './form-field';
import { useActivityOptions } from './use-activity-options';

export interface ActivityFieldProps {
  id: string;
  label: string;
  /** The first choice: no particular activity. */
  noneLabel: string;
  /** The chosen activity's id, '' for none. */
  value: string;
  /** The activity the entry names now (its snapshot), if it has one. */
  current: { id: string; name: string } | null | undefined;
  error?: string | undefined;
  onChange: (activityId: string) => void;
}

export function ActivityField(props: ActivityFieldProps) {
  const activities = useActivityOptions();
  const { current } = props;
  const gone =
    current && !activities.some((activity) => activity.id === current.id) ? current : null;
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      {(describedBy, invalid) => (
        <select
          id={props.id}
          class="input"
          value={props.value}
          onChange={(event) => props.onChange(event.currentTarget.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid}
        >
          <option value="">{props.noneLabel}</option>
          {gone && <option value={gone.id}>{gone.name}</option>}
          {activities.map((activity) => (
            <option key={activity.id} value={activity.id}>
              {activity.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
