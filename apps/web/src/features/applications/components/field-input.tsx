import { DatePicker, Input, InputNumber, Radio, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { MoneyInput } from '../../../components/money-input';
import { useLanguage } from '../../../lib/i18n';
import { localized, type FormFieldDefinition } from '../../../lib/program-definition';

/** The input of one form field by its type; antd Form.Item passes id, value and onChange. */
export function FieldInput({ field, ...props }: { field: FormFieldDefinition; id?: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  switch (field.type) {
    case 'money_fen':
      return <MoneyInput {...props} />;
    case 'area_m2':
      return <InputNumber {...props} min={0} precision={0} suffix="m²" style={{ width: 240 }} />;
    case 'integer':
      return <InputNumber {...props} precision={0} min={field.min} max={field.max} style={{ width: 240 }} />;
    case 'date':
      return <DatePicker {...props} format="YYYY-MM-DD" />;
    case 'boolean':
      return (
        <Radio.Group
          {...props}
          options={[
            { value: true, label: t('wizard.yes') },
            { value: false, label: t('wizard.no') },
          ]}
        />
      );
    case 'enum': {
      const options = (field.options ?? []).map((o) => ({
        value: o,
        label: localized(field.optionLabels?.[o], language) || o,
      }));
      return options.length <= 6 ? (
        <Radio.Group
          {...props}
          options={options}
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
        />
      ) : (
        <Select {...props} options={options} style={{ maxWidth: 400 }} />
      );
    }
    case 'id_number':
      // Shown as dots once typed (the eye button reveals it to the person typing); the API masks it too.
      return <Input.Password {...props} autoComplete="off" style={{ maxWidth: 320 }} />;
    case 'text':
      return <Input.TextArea {...props} rows={4} maxLength={field.maxLength} showCount={!!field.maxLength} />;
    default:
      return <Input {...props} maxLength={field.maxLength} style={{ maxWidth: 480 }} />;
  }
}
