/**
 * /c/new — a citizen raises a matter without logging in (SPEC M2, H5 form): category, town and village, text,
 * up to three photos, optional name and phone or anonymous. Returns the tracking code, the secret check code and
 * the expected date. Works at 375 px and in WeChat's in-app browser (plain inputs, FileReader, no storage).
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Input, Result, Select, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import { PUBLIC_PHOTO_LIMITS, type PublicOptions, type SubmittedMatter } from '../../../../contracts/o2o.ts';
import { CitizenError, fetchOptions, submitMatter } from './citizen.api.ts';
import { CATEGORY, english, lang, pick, T } from './citizen-text.ts';

function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve((typeof r.result === 'string' ? r.result : '').replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(new Error('read failed'));
    r.readAsDataURL(file);
  });
}

export default function SubmitMatterPage() {
  const [options, setOptions] = useState<PublicOptions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [category, setCategory] = useState<string>('HELP');
  const [townId, setTownId] = useState<string | undefined>();
  const [villageId, setVillageId] = useState<string | undefined>();
  const [description, setDescription] = useState('');
  const [namesCadre, setNamesCadre] = useState(false);
  const [anonymous, setAnonymous] = useState(false);
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [photos, setPhotos] = useState<{ name: string; data: string }[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<SubmittedMatter | null>(null);

  useEffect(() => {
    document.title = T.submitTitle;
    fetchOptions(lang).then(setOptions, (e: unknown) => setError(e instanceof CitizenError ? e.message : String(e)));
  }, []);

  const town = options?.towns.find((t) => t.id === townId);

  async function addPhotos(files: FileList | null) {
    if (!files) return;
    const next = [...photos];
    for (const f of Array.from(files)) {
      if (next.length >= PUBLIC_PHOTO_LIMITS.maxPhotos) break;
      if (f.size > PUBLIC_PHOTO_LIMITS.maxBytes) return setError(`${f.name}: ${T.tooBig}`);
      if (f.type !== 'image/jpeg' && f.type !== 'image/png') return setError(`${f.name}: ${T.badType}`);
      next.push({ name: f.name, data: await readAsBase64(f) });
    }
    setError(null);
    setPhotos(next);
  }

  async function submit() {
    setError(null);
    const location = villageId ?? townId;
    if (!location || description.trim().length < 5) return setError(`${!location ? T.village : T.description}：${T.required}`);
    setBusy(true);
    try {
      const res = await submitMatter(
        { category: category as 'HELP', locationOrgUnitId: location, description: description.trim(), namesCadre: category === 'REPORT' ? namesCadre : false, anonymous, ...(anonymous ? {} : { name: name.trim() || undefined }), phone: phone.trim() || undefined, photos: photos.map((p) => p.data) },
        lang,
      );
      setDone(res);
    } catch (e) {
      setError(e instanceof CitizenError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <div className="pub-page">
        <Result
          status="success"
          title={T.done}
          subTitle={T.doneSub}
          extra={
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Card size="small">
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  {T.code}：<Typography.Text strong copyable data-testid="matter-code">{done.code}</Typography.Text>
                </Typography.Paragraph>
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  {T.check}：<Typography.Text strong copyable data-testid="check-code">{done.checkCode}</Typography.Text>
                </Typography.Paragraph>
                {done.expectedDate ? (
                  <Typography.Paragraph style={{ marginBottom: 0 }}>
                    {T.expected}：<Typography.Text strong>{done.expectedDate}</Typography.Text>
                  </Typography.Paragraph>
                ) : null}
              </Card>
              <Link to={`/c/track${english ? '?lang=en' : ''}`}>
                <Button type="primary" block>
                  {T.follow}
                </Button>
              </Link>
              <Button block onClick={() => window.location.reload()}>
                {T.another}
              </Button>
            </Space>
          }
        />
      </div>
    );
  }

  if (!options && !error) return <div className="pub-loading"><Spin /></div>;

  return (
    <div className="pub-page">
      <Typography.Title level={3}>{T.submitTitle}</Typography.Title>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <label>
          <div>{T.category}</div>
          <Select aria-label={T.category} value={category} onChange={setCategory} style={{ width: '100%' }} options={(options?.categories ?? []).map((c) => ({ value: c, label: pick(CATEGORY[c], c) }))} />
        </label>
        <label>
          <div>{T.town}</div>
          <Select aria-label={T.town} value={townId} onChange={(v: string) => { setTownId(v); setVillageId(undefined); }} style={{ width: '100%' }} showSearch optionFilterProp="label" options={(options?.towns ?? []).map((t) => ({ value: t.id, label: t.name }))} />
        </label>
        <label>
          <div>{T.village}</div>
          <Select aria-label={T.village} value={villageId} onChange={setVillageId} disabled={!town} style={{ width: '100%' }} showSearch optionFilterProp="label" options={(town?.villages ?? []).map((v) => ({ value: v.id, label: v.name }))} />
        </label>
        <label>
          <div>{T.description}</div>
          <Input.TextArea aria-label={T.description} value={description} onChange={(e) => setDescription(e.target.value)} rows={5} maxLength={2000} showCount />
          {/* clear of the character count that antd draws under the text area */}
          <Typography.Paragraph type="secondary" style={{ marginTop: 24, marginBottom: 0 }}>
            {T.descriptionHint}
          </Typography.Paragraph>
        </label>
        {category === 'REPORT' ? <Checkbox checked={namesCadre} onChange={(e) => setNamesCadre(e.target.checked)}>{T.namesCadre}</Checkbox> : null}
        <div>
          <div>{T.photos}</div>
          <input aria-label={T.addPhoto} type="file" accept="image/jpeg,image/png" multiple onChange={(e) => void addPhotos(e.target.files)} disabled={photos.length >= PUBLIC_PHOTO_LIMITS.maxPhotos} />
          {photos.map((p, i) => (
            <div key={i}>
              {p.name}{' '}
              <Button size="small" type="link" onClick={() => setPhotos(photos.filter((_, j) => j !== i))}>
                ✕
              </Button>
            </div>
          ))}
        </div>
        <Checkbox checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)}>
          {T.anonymous}
        </Checkbox>
        {!anonymous ? <Input aria-label={T.name} placeholder={T.name} value={name} onChange={(e) => setName(e.target.value)} maxLength={50} /> : null}
        <Input aria-label={T.phone} placeholder={T.phone} value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" maxLength={20} />
        <Button type="primary" size="large" block loading={busy} onClick={() => void submit()}>
          {T.submit}
        </Button>
        <Link to={`/c/track${english ? '?lang=en' : ''}`}>{T.follow}</Link>
      </Space>
    </div>
  );
}
