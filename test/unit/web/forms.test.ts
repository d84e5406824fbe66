import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../../src/shared/errors';
import { checkboxes, failedForm, input, itemNumberOf, many, numberOf, one, select } from '../../../src/web/forms';
import { messageVi, problemVi } from '../../../src/web/messages';

describe('forms after a failed submit', () => {
  test('when validation fails, then each problem goes to its field (nested paths to the field that owns them) in Vietnamese', () => {
    const err = new ValidationError([
      { field: 'reason', problem: 'must not be empty' },
      { field: 'attendees.officials.1', problem: "unknown official 'ai-do'" },
      { field: 'somewhere.else', problem: 'must be a whole number' },
    ]);
    const state = failedForm(err, { reason: '' }, ['reason', 'attendees.officials', 'attendees'])!;
    expect(state.errors).toEqual({ reason: 'không được để trống', 'attendees.officials': "không có cán bộ 'ai-do'" });
    expect(state.general).toBe('somewhere.else: phải là số nguyên');
    expect(state.values).toEqual({ reason: '' });
  });

  test('when a conflict has no field, then it is a general error in Vietnamese; other errors are not form errors', () => {
    const nothing = new ConflictError(
      'Nothing changed since version 1 (Ban hành lần đầu); there is nothing to publish.',
    );
    expect(failedForm(nothing, {}, ['documentNumber'])!.general).toBe(
      'Không có gì thay đổi so với bản 1 (Ban hành lần đầu), nên chưa có gì để ban hành.',
    );
    const race = new ConflictError(
      'Version 2 of this document was just published by someone else; reload and try again.',
      [{ field: 'version', problem: 'already published' }],
    );
    expect(failedForm(race, {}, ['documentNumber', 'note'])!.general).toBe(
      'Bản 2 của văn bản này vừa được người khác ban hành; hãy tải lại trang rồi thử lại.',
    );
    expect(failedForm(new ConflictError('Something new and English.'), {}, [])!.general).toBe(
      'Không lưu được vì dữ liệu vừa thay đổi; hãy tải lại trang rồi thử lại.',
    );
    expect(failedForm(new NotFoundError('Series', 'x'), {}, [])).toBeNull();
    expect(failedForm(new Error('boom'), {}, [])).toBeNull();
  });

  test('when a field is rendered after a failure, then it shows the typed value (escaped), the error, and aria links', () => {
    const state = { values: { title: '<b>"Họp"</b>' }, errors: { title: 'không được để trống' }, general: null };
    const html = input({ name: 'title', label: 'Tên', value: 'cũ', state }).toString();
    expect(html).toContain('value="&lt;b&gt;&quot;Họp&quot;&lt;/b&gt;"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toMatch(/class="field-error" id="f-title-error" role="alert">không được để trống</);
    expect(
      select({
        name: 'kind',
        label: 'Loại',
        options: [
          { value: 'a', label: 'A' },
          { value: 'b', label: 'B' },
        ],
        value: 'a',
        state: { values: { kind: 'b' }, errors: {}, general: null },
      }).toString(),
    ).toContain('<option value="b" selected>');
    expect(
      checkboxes({
        name: 'x',
        label: 'X',
        options: [
          { value: '1', label: '1' },
          { value: '2', label: '2' },
        ],
        checked: ['1'],
        state: { values: { x: ['2'] }, errors: {}, general: null },
      }).toString(),
    ).toMatch(/value="2" checked/);
    expect(
      input({
        name: 'key',
        label: 'Khóa',
        type: 'password',
        state: { values: { key: 'lh_secret' }, errors: {}, general: null },
      }).toString(),
    ).not.toContain('lh_secret');
  });

  test('when reading urlencoded values, then repeated keys, blanks and numbers are handled', () => {
    expect(one({ a: ['1', '2'] }, 'a')).toBe('2');
    expect(many({ a: '1' }, 'a')).toEqual(['1']);
    expect(many({}, 'a')).toEqual([]);
    expect([numberOf(''), numberOf('60'), numberOf('sáu')]).toEqual([undefined, 60, 'sáu']);
  });

  test('when an error reaches a page, then its message is Vietnamese or left out, never the English of the API', () => {
    expect(messageVi(new NotFoundError('Body', 'xx'))).toBe("Không có cơ quan họp mã 'xx'.");
    expect(messageVi(new NotFoundError('Adjustment', 'x'))).toBeNull();
    expect(messageVi(new ForbiddenError("An agency key may only update its own agency's items."))).toBe(
      'Cơ quan chỉ được cập nhật nội dung do mình chuẩn bị.',
    );
    expect(messageVi(new ForbiddenError('Trang này dành cho tài khoản khác.'))).toBe(
      'Trang này dành cho tài khoản khác.',
    );
    expect(messageVi(new Error('connection refused'))).toBeNull();
  });

  test('when a page address carries an item number, then only a positive whole number is one', () => {
    expect(itemNumberOf('occ', '7')).toBe(7);
    for (const bad of ['abc', '0', '-1', '1.5', '07', '1e2', '', '9999'])
      expect(() => itemNumberOf('occ', bad)).toThrow(NotFoundError);
  });

  test('when a problem has no translation, then the original text is kept', () => {
    expect(problemVi('something new')).toBe('something new');
    expect(problemVi('must be at most 300 characters')).toBe('tối đa 300 ký tự');
    expect(problemVi('cannot read \'abc\': use numbers and ranges like "1-6" or "7, 8"')).toBe(
      'không đọc được "abc": ghi số và khoảng như "1-6" hoặc "7, 8"',
    );
  });
});
