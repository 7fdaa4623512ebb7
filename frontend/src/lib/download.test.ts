import { describe, expect, it } from 'vitest';
import { photoProblem } from '../components/volunteering/photos';
import { filenameFromDisposition } from './download';

describe('downloads', () => {
  it('take the file name from Content-Disposition, the UTF-8 one first', () => {
    expect(filenameFromDisposition(`attachment; filename="members.csv"; filename*=UTF-8''%E5%85%9A%E5%91%98.csv`, 'x.csv')).toBe('党员.csv');
    expect(filenameFromDisposition('attachment; filename="members.xlsx"', 'x.csv')).toBe('members.xlsx');
    expect(filenameFromDisposition(null, 'x.csv')).toBe('x.csv');
  });
});

describe('photos before upload', () => {
  it('refuse what is not a photo, too large, or one too many', () => {
    expect(photoProblem({ name: 'a.jpg', type: 'image/jpeg', size: 1000 }, 0)).toBeNull();
    expect(photoProblem({ name: 'IMG_1.HEIC', type: '', size: 1000 }, 5)).toBeNull();
    expect(photoProblem({ name: 'a.pdf', type: 'application/pdf', size: 1000 }, 0)).toBe('photos.notAPhoto');
    expect(photoProblem({ name: 'a.png', type: 'image/png', size: 9 * 1024 * 1024 }, 0)).toBe('photos.tooLarge');
    expect(photoProblem({ name: 'a.png', type: 'image/png', size: 1000 }, 6)).toBe('photos.tooMany');
  });
});
